//! Text a preview shows broken into lines as the PDF breaks them (避头尾, a number kept with
//! its unit: "0起", "扣3分"), measured with the preview's own font, not where egui would wrap.

/// `blocks` broken into lines `width` points wide at `size` (the proportional font), each
/// block's lines joined by line breaks.
pub fn broken_as_printed<S: AsRef<str>>(
    ui: &egui::Ui,
    blocks: &[S],
    (width, size): (f32, f32),
) -> Vec<String> {
    let font = egui::FontId::proportional(size);
    // A little short of the width: egui's own measure of a line may round up.
    let width = (width - 4.0).max(size);
    ui.ctx().fonts_mut(|fonts| {
        let fonts = std::cell::RefCell::new(fonts);
        let advance = |c: char| fonts.borrow_mut().glyph_width(&font, c);
        (blocks.iter())
            .map(|block| {
                let lines =
                    crate::pdf::linebreak::break_lines(block.as_ref(), width, 0.0, &advance);
                (lines.into_iter().map(|line| line.text))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    })
}
