//! A serialized PDF made smaller before its streams are deflated: glyph widths written only
//! where they differ from the default (most CJK glyphs are one em); one ToUnicode map shared by
//! the faces whose codes agree (the Fandol faces all use Adobe-GB1 CIDs, so 安 is the same code
//! in 仿宋, 黑体, 楷体 and 宋体), written with ranges; page content with short font names and
//! each run's glyph codes in one string; ASCII metadata as plain strings.
//!
//! Text extraction reads the same characters as before and viewers draw the same pages.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Entries per `beginbfchar` or `beginbfrange` block, the most a CMap allows.
const CMAP_BLOCK: usize = 100;

/// The descendant CIDFont dictionary of every Type0 font, by the font's object id.
fn descendants_mut(doc: &mut Document) -> Vec<(ObjectId, &mut Dictionary)> {
    doc.objects
        .iter_mut()
        .filter_map(|(id, object)| {
            let font = object.as_dict_mut().ok()?;
            let is_type0 = font
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|name| name == b"Type0");
            if !is_type0 {
                return None;
            }
            let descendant = font
                .get_mut(b"DescendantFonts")
                .and_then(Object::as_array_mut)
                .ok()?
                .first_mut()?
                .as_dict_mut()
                .ok()?;
            Some((*id, descendant))
        })
        .collect()
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(value) => Some(*value as f32),
        Object::Real(value) => Some(*value),
        _ => None,
    }
}

fn number_object(value: f32) -> Object {
    if value.fract() == 0.0 && value.abs() < 1e9 {
        // An integral width within range: exact as an integer.
        #[allow(clippy::cast_possible_truncation)]
        Object::Integer(value as i64)
    } else {
        Object::Real(value)
    }
}

/// The widths of a `/W` array, code by code.
fn parse_widths(array: &[Object]) -> BTreeMap<i64, f32> {
    let mut widths = BTreeMap::new();
    let mut index = 0;
    while let Some(Object::Integer(first)) = array.get(index) {
        match (array.get(index + 1), array.get(index + 2)) {
            (Some(Object::Array(list)), _) => {
                for (offset, width) in (0_i64..).zip(list) {
                    if let Some(width) = number(width) {
                        widths.insert(first + offset, width);
                    }
                }
                index += 2;
            }
            (Some(Object::Integer(last)), Some(width)) => {
                if let Some(width) = number(width) {
                    for code in *first..=(*last).min(first + 0xFFFF) {
                        widths.insert(code, width);
                    }
                }
                index += 3;
            }
            _ => break,
        }
    }
    widths
}

/// A `/W` array of the widths that differ from `default`, consecutive codes in one list.
fn write_widths(widths: &BTreeMap<i64, f32>, default: f32) -> Vec<Object> {
    let mut array = Vec::new();
    let mut run: Option<(i64, Vec<Object>)> = None;
    for (&code, &width) in widths {
        if (width - default).abs() < f32::EPSILON {
            continue;
        }
        match &mut run {
            Some((first, list))
                if i64::try_from(list.len()).is_ok_and(|len| *first + len == code) =>
            {
                list.push(number_object(width));
            }
            _ => {
                if let Some((first, list)) = run.take() {
                    array.push(Object::Integer(first));
                    array.push(Object::Array(list));
                }
                run = Some((code, vec![number_object(width)]));
            }
        }
    }
    if let Some((first, list)) = run {
        array.push(Object::Integer(first));
        array.push(Object::Array(list));
    }
    array
}

/// Rewrites each CIDFont's `/W` to list only the widths that differ from its `/DW`, which
/// becomes the most common width.
pub(crate) fn compact_widths(doc: &mut Document) {
    for (_, descendant) in descendants_mut(doc) {
        let Ok(array) = descendant.get(b"W").and_then(Object::as_array) else {
            continue;
        };
        let widths = parse_widths(array);
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for width in widths.values() {
            // Widths are counted in thousandths so that equal ones meet as integers.
            #[allow(clippy::cast_possible_truncation)]
            let key = (width * 1000.0).round() as i64;
            *counts.entry(key).or_default() += 1;
        }
        let old_default = descendant
            .get(b"DW")
            .ok()
            .and_then(number)
            .unwrap_or(1000.0);
        let default = counts
            .iter()
            .max_by_key(|(_, count)| **count)
            .map_or(old_default, |(key, _)| *key as f32 / 1000.0);
        descendant.set("W", Object::Array(write_widths(&widths, default)));
        descendant.set("DW", number_object(default));
    }
}

/// The code → UTF-16 hex pairs of a ToUnicode CMap (its `bfchar` and `bfrange` entries).
fn parse_cmap(content: &[u8]) -> Option<BTreeMap<u16, String>> {
    let text = std::str::from_utf8(content).ok()?;
    let mut map = BTreeMap::new();
    // Inside a bfchar block (Some(false)), a bfrange block (Some(true)) or neither.
    let mut block: Option<bool> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            block = Some(line.ends_with("beginbfrange"));
            continue;
        }
        if line.ends_with("endbfchar") || line.ends_with("endbfrange") {
            block = None;
            continue;
        }
        let Some(in_ranges) = block else {
            continue;
        };
        let hexes: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        let all_hex = !hexes.is_empty()
            && hexes
                .iter()
                .all(|part| part.chars().all(|c| c.is_ascii_hexdigit()));
        if !all_hex || !line.starts_with('<') {
            continue;
        }
        match (in_ranges, hexes.as_slice()) {
            (false, [code, target]) => {
                map.insert(u16::from_str_radix(code, 16).ok()?, target.to_uppercase());
            }
            (true, [low, high, target]) => {
                let low = u16::from_str_radix(low, 16).ok()?;
                let high = u16::from_str_radix(high, 16).ok()?;
                let start = u16::from_str_radix(target, 16).ok()?;
                for (offset, code) in (low..=high).enumerate() {
                    let unit = start.checked_add(u16::try_from(offset).ok()?)?;
                    map.insert(code, format!("{unit:04X}"));
                }
            }
            // Anything else (array targets) is not what the writer produces: keep the map as it is.
            _ => return None,
        }
    }
    Some(map)
}

/// A ToUnicode CMap of `map`: runs of consecutive codes to consecutive single characters as
/// ranges (within one low byte), the others one by one.
fn write_cmap(map: &BTreeMap<u16, String>) -> Vec<u8> {
    let single = |target: &str| {
        u16::from_str_radix(target, 16)
            .ok()
            .filter(|_| target.len() == 4)
    };
    let mut ranges: Vec<(u16, u16, String)> = Vec::new();
    let mut chars: Vec<(u16, String)> = Vec::new();
    let mut run: Option<(u16, u16, u16)> = None;
    let mut flush = |run: Option<(u16, u16, u16)>, chars: &mut Vec<(u16, String)>| {
        if let Some((low, high, start)) = run {
            if high > low {
                ranges.push((low, high, format!("{start:04X}")));
            } else {
                chars.push((low, format!("{start:04X}")));
            }
        }
    };
    for (&code, target) in map {
        let unit = single(target);
        let extends = match (run, unit) {
            (Some((low, high, start)), Some(unit)) => {
                code == high.wrapping_add(1)
                    && code >> 8 == low >> 8
                    && u32::from(unit) == u32::from(start) + u32::from(code - low)
            }
            _ => false,
        };
        if extends {
            if let Some((_, high, _)) = &mut run {
                *high = code;
            }
            continue;
        }
        flush(run.take(), &mut chars);
        match unit {
            Some(unit) => run = Some((code, code, unit)),
            None => chars.push((code, target.clone())),
        }
    }
    flush(run, &mut chars);
    let mut text = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in ranges.chunks(CMAP_BLOCK) {
        let _ = writeln!(text, "{} beginbfrange", block.len());
        for (low, high, start) in block {
            let _ = writeln!(text, "<{low:04X}> <{high:04X}> <{start}>");
        }
        text.push_str("endbfrange\n");
    }
    for block in chars.chunks(CMAP_BLOCK) {
        let _ = writeln!(text, "{} beginbfchar", block.len());
        for (code, target) in block {
            let _ = writeln!(text, "<{code:04X}> <{target}>");
        }
        text.push_str("endbfchar\n");
    }
    text.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    text.into_bytes()
}

/// Gives the Type0 fonts whose ToUnicode maps agree on every code they share one merged map,
/// written compactly; the maps no font uses any more are dropped.
pub(crate) fn share_to_unicode(doc: &mut Document) {
    // (font, its map's id, the map), for every map that reads back.
    let mut fonts: Vec<(ObjectId, ObjectId, BTreeMap<u16, String>)> = Vec::new();
    for (id, object) in &doc.objects {
        let Ok(font) = object.as_dict() else {
            continue;
        };
        let Ok(map_id) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
            continue;
        };
        let Some(map) = doc
            .objects
            .get(&map_id)
            .and_then(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Filter").is_err())
            .and_then(|s| parse_cmap(&s.content))
        else {
            continue;
        };
        fonts.push((*id, map_id, map));
    }
    // Each group: its fonts and their merged map.
    let mut groups: Vec<(Vec<ObjectId>, BTreeMap<u16, String>)> = Vec::new();
    for (font, _, map) in &fonts {
        let agrees = |merged: &BTreeMap<u16, String>| {
            map.iter()
                .all(|(code, target)| merged.get(code).is_none_or(|t| t == target))
        };
        match groups.iter_mut().find(|(_, merged)| agrees(merged)) {
            Some((members, merged)) => {
                members.push(*font);
                merged.extend(map.iter().map(|(c, t)| (*c, t.clone())));
            }
            None => groups.push((vec![*font], map.clone())),
        }
    }
    for (members, merged) in groups {
        let stream = Stream::new(Dictionary::new(), write_cmap(&merged));
        let map_id = doc.add_object(stream);
        for font in members {
            if let Ok(dict) = doc.get_dictionary_mut(font) {
                dict.set("ToUnicode", Object::Reference(map_id));
            }
        }
    }
    for (_, old_map, _) in fonts {
        doc.objects.remove(&old_map);
    }
}

/// The object ids of a page's content streams.
fn content_ids(doc: &Document, page: ObjectId) -> Vec<ObjectId> {
    let Ok(contents) = doc.get_dictionary(page).and_then(|p| p.get(b"Contents")) else {
        return Vec::new();
    };
    match contents {
        Object::Reference(id) => vec![*id],
        Object::Array(items) => items
            .iter()
            .filter_map(|item| item.as_reference().ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The font resource dictionaries the pages refer to (by reference), each once; `None` when a
/// page holds its resources or fonts inline, which this module leaves alone.
fn font_resource_ids(doc: &Document, pages: &[ObjectId]) -> Option<Vec<ObjectId>> {
    let mut ids = Vec::new();
    for page in pages {
        let page = doc.get_dictionary(*page).ok()?;
        let resources = match page.get(b"Resources").ok()? {
            Object::Reference(id) => doc.get_dictionary(*id).ok()?,
            _ => return None,
        };
        match resources.get(b"Font") {
            Ok(Object::Reference(id)) => {
                if !ids.contains(id) {
                    ids.push(*id);
                }
            }
            Err(_) => {}
            Ok(_) => return None,
        }
    }
    Some(ids)
}

/// Joins the glyph strings of each text-showing array into one ("<0A1B><0C2D>" becomes
/// "<0A1B0C2D>": with two-byte codes the glyphs are the same) and shows an array of one string
/// with Tj. The content is the writer's own: its only angle brackets are those of hex strings.
fn join_glyph_strings(content: &[u8]) -> Vec<u8> {
    let is_hex = |at: usize| content.get(at).is_some_and(u8::is_ascii_hexdigit);
    let mut joined = Vec::with_capacity(content.len());
    let mut at = 0;
    while let Some(&byte) = content.get(at) {
        if byte == b'>'
            && content.get(at + 1) == Some(&b'<')
            && is_hex(at.wrapping_sub(1))
            && is_hex(at + 2)
        {
            at += 2;
            continue;
        }
        joined.push(byte);
        at += 1;
    }
    // "[<…>] TJ" with nothing but one hex string inside becomes "<…> Tj".
    let mut shown = Vec::with_capacity(joined.len());
    let mut at = 0;
    while let Some(&byte) = joined.get(at) {
        if byte == b'[' && joined.get(at + 1) == Some(&b'<') {
            let digits = joined.get(at + 2..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_hexdigit()).count()
            });
            let close = at + 2 + digits;
            if joined.get(close..close + 5) == Some(b">] TJ".as_slice()) {
                shown.extend_from_slice(joined.get(at + 1..=close).unwrap_or_default());
                shown.extend_from_slice(b" Tj");
                at = close + 5;
                continue;
            }
        }
        shown.push(byte);
        at += 1;
    }
    shown
}

/// `content` with each font name of `renames` replaced by its short name.
fn rename_fonts(content: &[u8], renames: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut text = content.to_vec();
    for (old, new) in renames {
        let mut pattern = vec![b'/'];
        pattern.extend_from_slice(old);
        pattern.push(b' ');
        let mut replacement = vec![b'/'];
        replacement.extend_from_slice(new);
        replacement.push(b' ');
        let mut out = Vec::with_capacity(text.len());
        let mut at = 0;
        while let Some(rest) = text.get(at..) {
            if rest.is_empty() {
                break;
            }
            if rest.starts_with(&pattern) {
                out.extend_from_slice(&replacement);
                at += pattern.len();
            } else {
                out.extend_from_slice(rest.get(..1).unwrap_or_default());
                at += 1;
            }
        }
        text = out;
    }
    text
}

/// Shorter page content: fonts named /F0, /F1 … instead of printpdf's 32-letter names, and the
/// glyph strings of each run joined (see [`join_glyph_strings`]).
pub(crate) fn compact_content(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut renames: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    if let Some(font_dicts) = font_resource_ids(doc, &pages) {
        for id in font_dicts {
            let Ok(fonts) = doc.get_dictionary_mut(id) else {
                continue;
            };
            let entries: Vec<(Vec<u8>, Object)> =
                fonts.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut short = Dictionary::new();
            for (name, font) in entries {
                let known = renames.iter().find(|(old, _)| *old == name);
                let new = if let Some((_, new)) = known {
                    new.clone()
                } else {
                    let new = format!("F{}", renames.len()).into_bytes();
                    renames.push((name, new.clone()));
                    new
                };
                short.set(new, font);
            }
            *fonts = short;
        }
    }
    let mut streams: Vec<ObjectId> = pages.iter().flat_map(|p| content_ids(doc, *p)).collect();
    streams.sort_unstable();
    streams.dedup();
    for id in streams {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let content = join_glyph_strings(&rename_fonts(&stream.content, &renames));
        stream.set_content(content);
    }
}

/// Writes the information dictionary's strings that are ASCII as plain strings rather than
/// UTF-16 in hex (the verification code among them, still findable in the raw bytes).
pub(crate) fn plain_ascii_info(doc: &mut Document) {
    let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    let Ok(info) = doc.get_dictionary_mut(info_id) else {
        return;
    };
    for (_, value) in info.iter_mut() {
        let Object::String(bytes, _) = value else {
            continue;
        };
        let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) else {
            continue;
        };
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|pair| match pair {
                [high, low] => u16::from_be_bytes([*high, *low]),
                _ => 0,
            })
            .collect();
        let Ok(text) = String::from_utf16(&units) else {
            continue;
        };
        if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
            *value = Object::String(text.into_bytes(), lopdf::StringFormat::Literal);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_keep_only_those_off_the_default() {
        let array = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(335)]),
            Object::Integer(17),
            Object::Array(vec![Object::Integer(500), Object::Integer(500)]),
            Object::Integer(96),
            Object::Array(vec![Object::Integer(1000); 3]),
            Object::Integer(200),
            Object::Integer(203),
            Object::Integer(1000),
        ];
        let widths = parse_widths(&array);
        assert_eq!(widths.len(), 10);
        assert_eq!(widths.get(&202), Some(&1000.0));
        let written = write_widths(&widths, 1000.0);
        assert_eq!(
            written,
            [
                Object::Integer(1),
                Object::Array(vec![Object::Integer(335)]),
                Object::Integer(17),
                Object::Array(vec![Object::Integer(500), Object::Integer(500)]),
            ]
        );
        let mut back = parse_widths(&written);
        for code in [96, 97, 98, 200, 201, 202, 203] {
            back.insert(code, 1000.0);
        }
        assert_eq!(back, widths);
    }

    #[test]
    fn a_cmap_round_trips_with_ranges() {
        let map: BTreeMap<u16, String> = [
            (0x0011, "0030"),
            (0x0012, "0031"),
            (0x0013, "0032"),
            (0x00FF, "0033"),
            (0x0100, "0034"),
            (0x03BD, "5B89"),
            (0x0500, "D840DC00"),
        ]
        .into_iter()
        .map(|(c, t)| (c, t.to_owned()))
        .collect();
        let written = write_cmap(&map);
        let text = String::from_utf8(written.clone()).unwrap();
        assert!(text.contains("<0011> <0013> <0030>"), "{text}");
        assert!(
            text.contains("<00FF> <0033>"),
            "no range across a low byte: {text}"
        );
        assert_eq!(parse_cmap(&written), Some(map));
    }

    #[test]
    fn glyph_strings_join_and_single_strings_use_tj() {
        let content =
            b"/ABC 16 Tf\n[<010D><063D> -6.5<0A8B>] TJ\n[<0001><0002>] TJ\n1 0 0 1 3 4 Tm\n";
        let renames = vec![(b"ABC".to_vec(), b"F0".to_vec())];
        let tidy = join_glyph_strings(&rename_fonts(content, &renames));
        assert_eq!(
            String::from_utf8(tidy).unwrap(),
            "/F0 16 Tf\n[<010D063D> -6.5<0A8B>] TJ\n<00010002> Tj\n1 0 0 1 3 4 Tm\n"
        );
    }
}
