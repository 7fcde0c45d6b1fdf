//! The order of what the 考核 screen refused and what it asked to save. Each refusal and each
//! write is stamped as it happens, and the app answers the writes in the order they were asked,
//! after the frame. A write that was saved retires the refusals stamped before it: their red
//! message goes as soon as the clerk saves something else, while a refusal that came after it
//! (fast typing puts both in one frame) stays.

use std::collections::VecDeque;

/// Stamps of refusals and writes, and which refusals are retired.
#[derive(Debug, Default)]
pub struct Stamps {
    last: u64,
    /// The stamps of writes asked for and not answered yet, oldest first.
    asked: VecDeque<u64>,
    /// Refusals stamped up to this one are retired.
    retired_through: u64,
    /// Refusals stamped up to this one were dismissed by the clerk (Esc): retired as refusals,
    /// while a write before them stays the latest (its 恢复原值 stays offered).
    dismissed_through: u64,
}

impl Stamps {
    /// The stamp of a refusal shown now.
    pub fn refusal(&mut self) -> u64 {
        self.last += 1;
        self.last
    }

    /// Notes a write asked for now; its stamp.
    pub fn write(&mut self) -> u64 {
        self.last += 1;
        self.asked.push_back(self.last);
        self.last
    }

    /// True while no write after the one stamped `stamp` was saved (what it did is news).
    #[must_use]
    pub fn is_latest_write(&self, stamp: u64) -> bool {
        self.retired_through <= stamp
    }

    /// The app's answer to the oldest write not answered yet: saved, or refused.
    pub fn answered(&mut self, is_saved: bool) {
        if let Some(stamp) = self.asked.pop_front()
            && is_saved
        {
            self.retired_through = self.retired_through.max(stamp);
        }
    }

    /// Forgets writes that were never answered: the app answers every write after the frame
    /// that asked for it, so none is outstanding when a frame begins.
    pub fn begin_frame(&mut self) {
        self.asked.clear();
    }

    /// Retires every refusal so far: the clerk has read it (Esc). Writes are left as they
    /// were.
    pub fn dismiss_refusals(&mut self) {
        self.dismissed_through = self.last;
    }

    /// True while the refusal stamped `stamp` is not retired.
    #[must_use]
    pub fn is_current(&self, stamp: u64) -> bool {
        stamp > self.retired_through && stamp > self.dismissed_through
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_dismissed_leave_the_latest_write_as_it_was() {
        let mut stamps = Stamps::default();
        let write = stamps.write();
        stamps.answered(true);
        let refusal = stamps.refusal();
        stamps.dismiss_refusals();
        assert!(!stamps.is_current(refusal));
        assert!(stamps.is_latest_write(write), "its 恢复原值 stays offered");
        assert!(
            stamps.is_current(stamps.last + 1),
            "a refusal after it is said"
        );
    }

    #[test]
    fn a_saved_write_retires_only_the_refusals_before_it() {
        let mut stamps = Stamps::default();
        let early = stamps.refusal();
        stamps.write();
        let late = stamps.refusal();
        stamps.answered(true);
        assert!(!stamps.is_current(early));
        assert!(stamps.is_current(late), "refused after the write was asked");
    }

    #[test]
    fn a_refused_write_retires_nothing_and_answers_go_in_order() {
        let mut stamps = Stamps::default();
        let refusal = stamps.refusal();
        stamps.write();
        stamps.write();
        stamps.answered(false);
        assert!(stamps.is_current(refusal));
        stamps.answered(true);
        assert!(!stamps.is_current(refusal));
        // Unanswered writes are forgotten at the next frame; a late answer retires nothing.
        let next = stamps.refusal();
        stamps.write();
        stamps.begin_frame();
        stamps.answered(true);
        assert!(stamps.is_current(next));
    }
}
