//! The frame of a serialized PDF made smaller (the pages' dictionaries, the information
//! dictionary, the cross-reference stream), as `compact` does for fonts and content.
//!
//! printpdf gives every page an empty `/Annots`, a `/CropBox` and a `/TrimBox` equal to its
//! `/MediaBox`, and a resource dictionary of its own pointing to empty `/ExtGState`, `/Shading`
//! and `/XObject` dictionaries; the information dictionary carries empty strings and writes
//! Chinese text as UTF-16 in hex; lopdf leaves the cross-reference stream undeflated. None of
//! it changes what a viewer shows or what text extraction reads.

use std::collections::HashSet;
use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Page keys printpdf writes that say nothing a viewer needs when they repeat the media box
/// or are empty.
const BOX_KEYS: [&[u8]; 2] = [b"CropBox", b"TrimBox"];

/// Whether `object` is an empty dictionary, inline or by reference.
fn is_empty_dict(doc: &Document, object: &Object) -> bool {
    match object {
        Object::Dictionary(dict) => dict.is_empty(),
        Object::Reference(id) => doc.get_dictionary(*id).is_ok_and(Dictionary::is_empty),
        _ => false,
    }
}

/// Trims the pages: no empty `/Annots`, no box equal to the media box, the media box on the
/// page tree's root when every page has the same one, resource entries that point to empty
/// dictionaries dropped, and one resource dictionary for all pages when they are alike. Objects
/// nothing refers to any more are removed.
pub(crate) fn trim_pages(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let Ok(root) = doc
        .catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
    else {
        return;
    };
    let mut media_boxes = Vec::new();
    let mut resources = Vec::new();
    for &page_id in &pages {
        let Ok(page) = doc.get_dictionary_mut(page_id) else {
            return;
        };
        if page
            .get(b"Annots")
            .and_then(Object::as_array)
            .is_ok_and(Vec::is_empty)
        {
            page.remove(b"Annots");
        }
        let media_box = page.get(b"MediaBox").ok().cloned();
        for key in BOX_KEYS {
            if media_box.is_some() && page.get(key).ok() == media_box.as_ref() {
                page.remove(key);
            }
        }
        let is_child_of_root = page
            .get(b"Parent")
            .and_then(Object::as_reference)
            .is_ok_and(|parent| parent == root);
        media_boxes.push(media_box.filter(|_| is_child_of_root));
        resources.push(page.get(b"Resources").ok().cloned());
    }
    share_media_box(doc, root, &pages, &media_boxes);
    share_resources(doc, &pages, &resources);
}

/// Moves the media box to the page tree's root (pages inherit it) when every page has the same.
fn share_media_box(
    doc: &mut Document,
    root: ObjectId,
    pages: &[ObjectId],
    boxes: &[Option<Object>],
) {
    let Some(Some(first)) = boxes.first() else {
        return;
    };
    if !boxes.iter().all(|b| b.as_ref() == Some(first)) {
        return;
    }
    let first = first.clone();
    let Ok(tree) = doc.get_dictionary_mut(root) else {
        return;
    };
    tree.set("MediaBox", first);
    for page in pages {
        if let Ok(page) = doc.get_dictionary_mut(*page) {
            page.remove(b"MediaBox");
        }
    }
}

/// Drops resource entries that point to empty dictionaries and gives the pages one resource
/// dictionary when theirs are alike, removing the objects left unused.
fn share_resources(doc: &mut Document, pages: &[ObjectId], resources: &[Option<Object>]) {
    let ids: Vec<ObjectId> = resources
        .iter()
        .filter_map(|r| r.as_ref().and_then(|r| r.as_reference().ok()))
        .collect();
    if ids.len() != pages.len() {
        // Inline or missing resources: left as they are.
        return;
    }
    let mut dropped: Vec<ObjectId> = Vec::new();
    let mut trimmed: Vec<Dictionary> = Vec::new();
    for id in &ids {
        let Ok(dict) = doc.get_dictionary(*id) else {
            return;
        };
        let mut kept = Dictionary::new();
        for (key, value) in dict {
            if is_empty_dict(doc, value) {
                if let Object::Reference(empty) = value {
                    dropped.push(*empty);
                }
            } else {
                kept.set(key.clone(), value.clone());
            }
        }
        trimmed.push(kept);
    }
    for (id, dict) in ids.iter().zip(&trimmed) {
        if let Ok(slot) = doc.get_dictionary_mut(*id) {
            *slot = dict.clone();
        }
    }
    let Some((&first, first_dict)) = ids.first().zip(trimmed.first()) else {
        return;
    };
    if trimmed.iter().all(|dict| dict == first_dict) {
        for (page, id) in pages.iter().zip(&ids) {
            if *id == first {
                continue;
            }
            if let Ok(page) = doc.get_dictionary_mut(*page) {
                page.set("Resources", Object::Reference(first));
            }
            dropped.push(*id);
        }
    }
    let referenced = references(doc);
    for id in dropped {
        if !referenced.contains(&id) {
            doc.objects.remove(&id);
        }
    }
}

/// Every object id the trailer or an object refers to.
fn references(doc: &Document) -> HashSet<ObjectId> {
    fn collect(object: &Object, found: &mut HashSet<ObjectId>) {
        match object {
            Object::Reference(target) => {
                found.insert(*target);
            }
            Object::Array(items) => items.iter().for_each(|item| collect(item, found)),
            Object::Dictionary(dict) => dict.iter().for_each(|(_, value)| collect(value, found)),
            Object::Stream(stream) => stream
                .dict
                .iter()
                .for_each(|(_, value)| collect(value, found)),
            _ => {}
        }
    }
    let mut found = HashSet::new();
    for (_, value) in &doc.trailer {
        collect(value, &mut found);
    }
    for object in doc.objects.values() {
        collect(object, &mut found);
    }
    found
}

/// Trims the information dictionary: no empty strings, no `/Trapped /False` (the default
/// reading of a missing key is "unknown", which says as much), and text that is not ASCII as
/// UTF-16 bytes in a literal string rather than in hex, half as long.
pub(crate) fn trim_info(doc: &mut Document) {
    let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    let Ok(info) = doc.get_dictionary_mut(info_id) else {
        return;
    };
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, value)| matches!(value, Object::String(bytes, _) if bytes.is_empty()))
        .map(|(key, _)| key.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }
    if info
        .get(b"Trapped")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == b"False")
    {
        info.remove(b"Trapped");
    }
    for (_, value) in info.iter_mut() {
        if let Object::String(bytes, format) = value
            && bytes.starts_with(&[0xFE, 0xFF])
        {
            *format = StringFormat::Literal;
        }
    }
}

/// The saved file with its cross-reference stream (the last object, which `startxref` points
/// to) deflated. The object keeps its place, so no offset changes; a file whose tail does not
/// read as expected is returned as it is.
pub(crate) fn deflate_xref_stream(bytes: Vec<u8>) -> Vec<u8> {
    deflate_xref(&bytes).unwrap_or(bytes)
}

fn deflate_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    // "startxref", the offset and "%%EOF" close the file; the stream's binary data comes before.
    let tail_start = bytes.len().saturating_sub(48);
    let tail = bytes.get(tail_start..)?;
    let marker = tail
        .windows(b"startxref".len())
        .rposition(|window| window == b"startxref")?;
    let after = std::str::from_utf8(tail.get(marker + b"startxref".len()..)?).ok()?;
    let offset: usize = after.split_whitespace().next()?.parse().ok()?;
    let object = bytes.get(offset..)?;
    let dict_end = find(object, b">>stream")?;
    let dict = std::str::from_utf8(object.get(..dict_end)?).ok()?;
    if !dict.contains("/Type/XRef") || dict.contains("/Filter") {
        return None;
    }
    let length_at = dict.find("/Length ")? + "/Length ".len();
    let digits = dict.get(length_at..)?;
    let digits = digits.get(
        ..digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len()),
    )?;
    let length: usize = digits.parse().ok()?;
    // The data starts after ">>stream" and its end-of-line.
    let mut data_start = dict_end + ">>stream".len();
    if object.get(data_start) == Some(&b'\r') {
        data_start += 1;
    }
    if object.get(data_start) == Some(&b'\n') {
        data_start += 1;
    }
    let data = object.get(data_start..data_start + length)?;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).ok()?;
    let packed = encoder.finish().ok()?;
    if packed.len() + "/Filter/FlateDecode".len() >= length {
        return None;
    }
    let new_dict = format!(
        "{}{}/Filter/FlateDecode{}",
        dict.get(..length_at)?,
        packed.len(),
        dict.get(length_at + digits.len()..)?
    );
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..offset)?);
    out.extend_from_slice(new_dict.as_bytes());
    out.extend_from_slice(object.get(dict_end..data_start)?);
    out.extend_from_slice(&packed);
    out.extend_from_slice(object.get(data_start + length..)?);
    Some(out)
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_reference_stream_is_deflated_in_place() {
        let data: Vec<u8> = (0..40u8).flat_map(|i| [1, 0, 0, 0, i, 0, 0]).collect();
        let mut file = b"%PDF-1.5\n1 0 obj\n<</Type/Catalog>>\nendobj\n".to_vec();
        let offset = file.len();
        file.extend_from_slice(
            format!(
                "2 0 obj\n<</Type/XRef/Size 3/W[1 4 2]/Length {}>>stream\n",
                data.len()
            )
            .as_bytes(),
        );
        file.extend_from_slice(&data);
        file.extend_from_slice(
            format!("\nendstream\nendobj\nstartxref\n{offset}\n%%EOF").as_bytes(),
        );
        let packed = deflate_xref_stream(file.clone());
        assert!(packed.len() < file.len());
        let start = find(&packed, b">>stream\n").unwrap() + 9;
        let end = find(&packed, b"\nendstream").unwrap();
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&packed[start..end]),
            &mut unpacked,
        )
        .unwrap();
        assert_eq!(unpacked, data);
        assert_eq!(packed.get(..offset), file.get(..offset));
        assert!(packed.ends_with(format!("startxref\n{offset}\n%%EOF").as_bytes()));
        let text = String::from_utf8_lossy(&packed);
        assert!(text.contains("/Filter/FlateDecode>>stream\n"), "{text}");
        // Deflated once only, and a tail that does not read is left alone.
        assert_eq!(deflate_xref_stream(packed.clone()), packed);
        assert_eq!(deflate_xref_stream(b"%PDF-1.5\n".to_vec()), b"%PDF-1.5\n");
    }
}
