//! Tests of the font set: roles found by family name, shipped fonts as fallback, and coverage.

use super::*;

fn face_name(set: &FontSet, role: FontRole, c: char) -> &str {
    let index = set.face_for(role, c).expect("a face draws the char");
    &set.faces()[index].name
}

#[test]
fn rare_name_characters_come_from_noto_serif() {
    let set = FontSet::shipped();
    for role in FontRole::ALL {
        for c in ['嘡', '喆', '堃'] {
            assert_eq!(face_name(&set, role, c), "NotoSerifCJKsc-Regular", "{c}");
        }
        assert_eq!(set.first_missing(role, "张嘡、李喆、王堃"), None);
    }
}

#[test]
fn common_characters_come_from_the_role_face() {
    let set = FontSet::shipped();
    let expected = [
        (FontRole::Title, "FandolSong-Bold"),
        (FontRole::Body, "FandolFang-Regular"),
        (FontRole::Heading1, "FandolHei-Regular"),
        (FontRole::Heading2, "FandolKai-Regular"),
    ];
    for (role, name) in expected {
        for c in "安全，。（）、：；“”《》1a ".chars() {
            assert_eq!(face_name(&set, role, c), name, "{role:?} {c}");
        }
    }
}

#[test]
fn private_use_char_is_missing() {
    let set = FontSet::shipped();
    let text = "安全\u{10FFFD}生产";
    for role in FontRole::ALL {
        assert_eq!(set.face_for(role, '\u{10FFFD}'), None);
        assert_eq!(set.first_missing(role, text), Some('\u{10FFFD}'));
        assert!(set.advance_pt(role, '\u{10FFFD}', 16.0).abs() < f32::EPSILON);
    }
}

#[test]
fn newlines_are_never_missing() {
    let set = FontSet::shipped();
    assert_eq!(
        set.first_missing(FontRole::Body, "第一行\n第二行\r\n\t"),
        None
    );
    assert_eq!(set.face_for(FontRole::Body, '\n'), None);
}

#[test]
fn cjk_advance_is_one_em() {
    let set = FontSet::shipped();
    for role in FontRole::ALL {
        for c in ['安', '嘡', '，'] {
            let advance = set.advance_pt(role, c, 16.0);
            assert!((advance - 16.0).abs() < 0.5, "{role:?} {c} {advance}");
        }
        let space = set.advance_pt(role, ' ', 16.0);
        assert!(space > 2.0 && space < 8.0, "{role:?} space {space}");
    }
}

#[test]
fn every_face_appears_once_and_ends_each_chain_with_noto() {
    let set = FontSet::shipped();
    assert_eq!(set.faces().len(), 7);
    let mut names: Vec<_> = set.faces().iter().map(|face| face.name.clone()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 7);
    for role in FontRole::ALL {
        let chain = set.chain(role);
        let tail: Vec<_> = chain[chain.len() - 2..]
            .iter()
            .map(|&i| set.faces()[i].name.as_str())
            .collect();
        assert_eq!(tail, ["NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"]);
        assert!(set.faces().iter().all(|face| face.units_per_em > 0));
    }
}

#[test]
fn empty_database_finds_no_office_fonts() {
    assert!(discover(&fontdb::Database::new()).is_empty());
}

#[test]
fn an_installed_font_for_rare_characters_comes_last_in_every_chain() {
    let mut db = fontdb::Database::new();
    // The shipped Noto Serif subset is named "Noto Serif CJK SC", one of the rare families.
    db.load_font_data(NOTO_SERIF_SC.to_vec());
    let found = discover(&db);
    assert_eq!(found.len(), 1);
    assert!(found[0].roles.is_empty());
    let leaked: &'static InstalledFace = Box::leak(Box::new(found.into_iter().next().unwrap()));
    let set = FontSet::build(vec![leaked]);
    for role in FontRole::ALL {
        let last = *set.chain(role).last().unwrap();
        assert_eq!(set.faces()[last].name, leaked.name);
        assert!(
            !set.is_installed(set.chain(role)[0]),
            "the role's own font is shipped"
        );
    }
}

#[test]
fn with_installed_falls_back_to_the_shipped_chain() {
    let shipped = FontSet::shipped();
    let installed = FontSet::with_installed();
    let office = installed.faces().len() - shipped.faces().len();
    for role in FontRole::ALL {
        let names = |set: &FontSet| -> Vec<String> {
            set.chain(role)
                .iter()
                .map(|&i| set.faces()[i].name.clone())
                .collect()
        };
        let (installed_names, shipped_names) = (names(&installed), names(&shipped));
        // Office fonts before the shipped chain, fonts for rare characters after it.
        assert!(
            installed_names
                .windows(shipped_names.len())
                .any(|window| window == shipped_names.as_slice()),
            "{installed_names:?}"
        );
        assert!(installed.face_for(role, '嘡').is_some());
    }
    if office == 0 {
        for role in FontRole::ALL {
            assert_eq!(installed.chain(role), shipped.chain(role));
        }
    }
}
