//! The fonts a PDF is set in, chosen by role (title, body, headings), with a fallback per
//! character so that rare name characters such as 嘡 喆 堃 still print.
//!
//! Each role has a chain of faces: installed office fonts first (only with
//! [`FontSet::with_installed`]), then the role's shipped Fandol face, then Noto Serif CJK SC and
//! last Noto Sans CJK SC. The shipped fonts live in `fonts/` (see `fonts/make_fonts.sh` and the
//! licence files beside it) and are compiled into the binary. Everything here is pure except the
//! discovery of installed fonts, which reads the system font folders once per process.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// FandolSong Bold, the heavy Song face standing in for 方正小标宋.
const FANDOL_SONG_BOLD: &[u8] = include_bytes!("../../fonts/FandolSong-Bold.otf");
/// FandolFang Regular, the 仿宋 face.
const FANDOL_FANG: &[u8] = include_bytes!("../../fonts/FandolFang-Regular.otf");
/// FandolHei Regular, the 黑体 face.
const FANDOL_HEI: &[u8] = include_bytes!("../../fonts/FandolHei-Regular.otf");
/// FandolKai Regular, the 楷体 face.
const FANDOL_KAI: &[u8] = include_bytes!("../../fonts/FandolKai-Regular.otf");
/// Noto Serif CJK SC, subset: the fallback for characters Fandol lacks.
const NOTO_SERIF_SC: &[u8] = include_bytes!("../../fonts/NotoSerifSC-Regular-subset.otf");
/// Noto Serif's digits, space and dash only: page numbers in a Song face at the cost of a few
/// glyphs, not of subsetting the whole of Noto Serif in every file.
const NOTO_SERIF_PAGE_NUMBERS: &[u8] = include_bytes!("../../fonts/NotoSerifSC-PageNumbers.otf");

/// Installed office fonts looked up by family name, in order of preference, for each role.
const OFFICE_FAMILIES: [(FontRole, &[&str]); 5] = [
    (
        FontRole::Title,
        &["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"],
    ),
    (
        FontRole::Body,
        &["仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong"],
    ),
    (FontRole::Heading1, &["黑体", "SimHei"]),
    (
        FontRole::Heading2,
        &["楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi"],
    ),
    (FontRole::PageNumber, &["宋体", "SimSun", "NSimSun"]),
];

/// Installed fonts tried last, for rare characters none of the document fonts has (the rarer
/// extensions of CJK, which the shipped Noto subset holds only in part).
const RARE_CHARACTER_FAMILIES: [&str; 9] = [
    "SimSun-ExtB",
    "SimSun-ExtG",
    "MingLiU-ExtB",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "思源宋体",
    "HanaMinB",
    "TH-Tshyn-P1",
    "BabelStone Han",
];

/// What a run of text is in a GB/T 9704 document, which decides its typeface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontRole {
    /// The title, 二号 方正小标宋 (a heavy Song face).
    Title,
    /// Body text, 仿宋.
    Body,
    /// First-level headings such as "一、", 黑体.
    Heading1,
    /// Second-level headings such as "（一）", 楷体.
    Heading2,
    /// Page numbers "— 1 —", 4号半角宋体 (a cut of Noto Serif, a Song face, stands in).
    PageNumber,
}

impl FontRole {
    /// Every role, in a fixed order.
    pub const ALL: [Self; 5] = [
        Self::Title,
        Self::Body,
        Self::Heading1,
        Self::Heading2,
        Self::PageNumber,
    ];

    /// The position of the role in [`FontRole::ALL`].
    const fn slot(self) -> usize {
        match self {
            Self::Title => 0,
            Self::Body => 1,
            Self::Heading1 => 2,
            Self::Heading2 => 3,
            Self::PageNumber => 4,
        }
    }
}

/// A glyph of a face: its id and its advance width in font units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyph {
    /// The glyph id, as a PDF writer embeds it.
    pub id: u16,
    /// The horizontal advance in font units (see [`FontFace::units_per_em`]).
    pub advance_units: u16,
}

/// One font face with its bytes and a fast character lookup.
#[derive(Clone)]
pub struct FontFace {
    /// A name for the face, unique within a set (the PostScript name where there is one).
    pub name: String,
    /// The font file, for embedding (for example with printpdf's `ParsedFont::from_bytes`).
    pub bytes: &'static [u8],
    /// The face index inside the file (0 unless the file is a collection).
    pub index: u32,
    /// Font units per em, the scale of [`Glyph::advance_units`].
    pub units_per_em: u16,
    /// Character → glyph, built on the first lookup and shared by every clone.
    glyphs: Arc<OnceLock<HashMap<char, Glyph>>>,
}

impl FontFace {
    /// Reads a face's header; `None` when the bytes are not a usable font.
    fn new(name: &str, bytes: &'static [u8], index: u32) -> Option<Self> {
        let font = FontRef::from_index(bytes, index).ok()?;
        let units_per_em = font.head().ok()?.units_per_em();
        if units_per_em == 0 || font.charmap().mappings().next().is_none() {
            return None;
        }
        Some(Self {
            name: name.to_owned(),
            bytes,
            index,
            units_per_em,
            glyphs: Arc::new(OnceLock::new()),
        })
    }

    /// The glyph that draws `c`, if the face has one.
    #[must_use]
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        self.glyphs
            .get_or_init(|| glyph_map(self.bytes, self.index))
            .get(&c)
            .copied()
    }

    /// Whether the face can draw `c`.
    #[must_use]
    pub fn has_char(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }
}

impl fmt::Debug for FontFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .field("bytes_len", &self.bytes.len())
            .field("index", &self.index)
            .field("units_per_em", &self.units_per_em)
            .finish_non_exhaustive()
    }
}

/// Every character the face maps, with its glyph id and advance; empty when unreadable.
fn glyph_map(bytes: &[u8], index: u32) -> HashMap<char, Glyph> {
    let Ok(font) = FontRef::from_index(bytes, index) else {
        return HashMap::new();
    };
    let Ok(hmtx) = font.hmtx() else {
        return HashMap::new();
    };
    font.charmap()
        .mappings()
        .filter_map(|(codepoint, glyph_id)| {
            let c = char::from_u32(codepoint)?;
            let id = u16::try_from(glyph_id.to_u32())
                .ok()
                .filter(|&id| id != 0)?;
            let advance_units = hmtx.advance(glyph_id)?;
            Some((c, Glyph { id, advance_units }))
        })
        .collect()
}

/// The faces of a document and, for each role, the order in which they are tried.
#[derive(Clone, Debug)]
pub struct FontSet {
    /// Every face, each once.
    faces: Vec<FontFace>,
    /// Indices into `faces`, one chain per role in [`FontRole::ALL`] order.
    chains: [Vec<usize>; 5],
    /// How many of `faces`, at the front, are installed office fonts.
    installed: usize,
}

impl FontSet {
    /// The shipped fonts only (embedded with `include_bytes!`, so it works from any directory).
    #[must_use]
    pub fn shipped() -> Self {
        static SHIPPED: OnceLock<FontSet> = OnceLock::new();
        SHIPPED.get_or_init(|| Self::build(Vec::new())).clone()
    }

    /// Installed office fonts found by family name (方正小标宋简体; 仿宋_GB2312, 仿宋, FangSong;
    /// 黑体, SimHei; 楷体_GB2312, 楷体, KaiTi; 宋体, SimSun for page numbers), first in each role's
    /// chain, shipped fonts after.
    ///
    /// The system is searched once per process; fonts installed later count after a restart.
    #[must_use]
    pub fn with_installed() -> Self {
        Self::installed().clone()
    }

    /// [`FontSet::with_installed`], borrowed: looked up per character (see [`can_draw`])
    /// without copying the set.
    pub(crate) fn installed() -> &'static Self {
        static INSTALLED: OnceLock<Vec<InstalledFace>> = OnceLock::new();
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let installed = INSTALLED.get_or_init(|| {
                let mut db = fontdb::Database::new();
                db.load_system_fonts();
                discover(&db)
            });
            Self::build(installed.iter().collect())
        })
    }

    /// Puts the installed faces first in their roles' chains, followed by the shipped faces.
    fn build(installed: Vec<&'static InstalledFace>) -> Self {
        let mut faces = Vec::new();
        let mut chains: [Vec<usize>; 5] = Default::default();
        let (office, rare): (Vec<_>, Vec<_>) = installed
            .into_iter()
            .partition(|found| !found.roles.is_empty());
        for found in office {
            let Some(face) = FontFace::new(&found.name, &found.bytes, found.index) else {
                continue;
            };
            for role in &found.roles {
                if let Some(chain) = chains.get_mut(role.slot()) {
                    chain.push(faces.len());
                }
            }
            faces.push(face);
        }
        let installed = faces.len();
        let own = [
            (FontRole::Title, "FandolSong-Bold", FANDOL_SONG_BOLD),
            (FontRole::Body, "FandolFang-Regular", FANDOL_FANG),
            (FontRole::Heading1, "FandolHei-Regular", FANDOL_HEI),
            (FontRole::Heading2, "FandolKai-Regular", FANDOL_KAI),
            (
                FontRole::PageNumber,
                "NotoSerifCJKsc-PageNumbers",
                NOTO_SERIF_PAGE_NUMBERS,
            ),
        ];
        for (role, name, bytes) in own {
            if let Some(face) = FontFace::new(name, bytes, 0)
                && let Some(chain) = chains.get_mut(role.slot())
            {
                chain.push(faces.len());
                faces.push(face);
            }
        }
        let fallbacks = [
            ("NotoSerifCJKsc-Regular", NOTO_SERIF_SC),
            ("NotoSansCJKsc-Regular", crate::fonts::NOTO_SANS_SC),
        ];
        for (name, bytes) in fallbacks {
            if let Some(face) = FontFace::new(name, bytes, 0) {
                for chain in &mut chains {
                    chain.push(faces.len());
                }
                faces.push(face);
            }
        }
        // Installed fonts for the rarest characters come last in every chain.
        for found in rare {
            if let Some(face) = FontFace::new(&found.name, &found.bytes, found.index) {
                for chain in &mut chains {
                    chain.push(faces.len());
                }
                faces.push(face);
            }
        }
        Self {
            faces,
            chains,
            installed,
        }
    }

    /// True when face `index` is an installed office font (not one shipped with the program).
    #[must_use]
    pub fn is_installed(&self, index: usize) -> bool {
        index < self.installed
    }

    /// The faces of the set (each appears once), for embedding.
    #[must_use]
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    /// Indices into [`FontSet::faces`] in the order they are tried for `role`.
    #[must_use]
    pub fn chain(&self, role: FontRole) -> &[usize] {
        self.chains.get(role.slot()).map_or(&[], Vec::as_slice)
    }

    /// Index into faces() of the face that draws `c` in `role`: the role's own chain first, then
    /// Noto Serif SC, then Noto Sans SC; None when no face has the char.
    ///
    /// A space is drawable by any face: when no face has it, the role's first face is returned.
    /// Control characters such as '\n' have no face.
    #[must_use]
    pub fn face_for(&self, role: FontRole, c: char) -> Option<usize> {
        if c.is_control() {
            return None;
        }
        let chain = self.chain(role);
        chain
            .iter()
            .copied()
            .find(|&i| self.faces.get(i).is_some_and(|face| face.has_char(c)))
            .or_else(|| {
                if c == ' ' {
                    chain.first().copied()
                } else {
                    None
                }
            })
    }

    /// Advance width of `c` in `role` at `size_pt`, in points (0 when no face has it).
    ///
    /// A space the face lacks is a quarter em wide.
    #[must_use]
    pub fn advance_pt(&self, role: FontRole, c: char, size_pt: f32) -> f32 {
        let Some(face) = self.face_for(role, c).and_then(|i| self.faces.get(i)) else {
            return 0.0;
        };
        match face.glyph(c) {
            Some(glyph) => f32::from(glyph.advance_units) * size_pt / f32::from(face.units_per_em),
            None => 0.25 * size_pt,
        }
    }

    /// The shipped page-number cut and the full Noto Serif SC it was cut from, by index into
    /// [`FontSet::faces`]: a document that embeds the full face anyway draws its page numbers
    /// from it (the same glyphs), one face embedded instead of two.
    #[must_use]
    pub(crate) fn page_number_cut(&self) -> Option<(usize, usize)> {
        let index = |name: &str| self.faces.iter().position(|face| face.name == name);
        let cut = index("NotoSerifCJKsc-PageNumbers")?;
        Some((cut, index("NotoSerifCJKsc-Regular")?))
    }

    /// The first char of `text` that no face can draw in `role` (control characters such as
    /// '\n' are never reported).
    #[must_use]
    pub fn first_missing(&self, role: FontRole, text: &str) -> Option<char> {
        text.chars()
            .find(|&c| !c.is_control() && self.face_for(role, c).is_none())
    }
}

/// True when some font the PDFs use (installed or shipped) can draw `c`; a name with a
/// character that none can draw is refused where it is typed or imported.
#[must_use]
pub fn can_draw(c: char) -> bool {
    c == ' ' || FontSet::installed().face_for(FontRole::Body, c).is_some()
}

/// The first character of `text` that no font the PDFs use can draw (a control character is
/// not drawn at all, and not counted).
#[must_use]
pub fn first_undrawable(text: &str) -> Option<char> {
    text.chars().find(|&c| !c.is_control() && !can_draw(c))
}

/// What is said of a character no font can draw, by its code only (the window cannot show the
/// character either), after the place it is in: "有现有字体都无法显示的字（U+1F525），…".
#[must_use]
pub fn undrawable_said(c: char) -> String {
    format!(
        "有现有字体都无法显示的字（U+{:04X}），打印时会缺字，请改用常用字",
        u32::from(c)
    )
}

/// An installed font file found for one or more roles, kept for the life of the process.
struct InstalledFace {
    /// The PostScript name, or the family name when there is none.
    name: String,
    /// The whole font file.
    bytes: Vec<u8>,
    /// The face index inside the file.
    index: u32,
    /// The roles whose chains the face joins; none for a font of rare characters, which joins
    /// every chain last.
    roles: Vec<FontRole>,
}

/// The office fonts of [`OFFICE_FAMILIES`] present in `db`, each face once, in role order;
/// then the fonts of [`RARE_CHARACTER_FAMILIES`] present, with no role.
fn discover(db: &fontdb::Database) -> Vec<InstalledFace> {
    let mut found: Vec<(fontdb::ID, InstalledFace)> = Vec::new();
    let rare = RARE_CHARACTER_FAMILIES.map(|family| (None, [family]));
    let office = OFFICE_FAMILIES.map(|(role, families)| (Some(role), families));
    let wanted = office
        .iter()
        .map(|(role, families)| (*role, *families))
        .chain(
            rare.iter()
                .map(|(role, families)| (*role, families.as_slice())),
        );
    for (role, families) in wanted {
        for family in families {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                ..fontdb::Query::default()
            };
            let Some(id) = db.query(&query) else {
                continue;
            };
            if let Some((_, face)) = found.iter_mut().find(|(seen, _)| *seen == id) {
                if let Some(role) = role
                    && !face.roles.contains(&role)
                {
                    face.roles.push(role);
                }
                continue;
            }
            let Some(info) = db.face(id) else {
                continue;
            };
            let name = if info.post_script_name.is_empty() {
                (*family).to_owned()
            } else {
                info.post_script_name.clone()
            };
            let Some((bytes, index)) = db.with_face_data(id, |data, index| (data.to_vec(), index))
            else {
                continue;
            };
            if FontRef::from_index(&bytes, index).is_err() {
                continue;
            }
            found.push((
                id,
                InstalledFace {
                    name,
                    bytes,
                    index,
                    roles: role.into_iter().collect(),
                },
            ));
        }
    }
    found.into_iter().map(|(_, face)| face).collect()
}

#[cfg(test)]
#[path = "fonts_tests.rs"]
mod tests;
