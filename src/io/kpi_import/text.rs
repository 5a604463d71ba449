//! [`CellText`]: a cell's text kept inside the cell when it is short, as nearly every KPI cell
//! is (a month, a number, a metric name), so that reading a million-row file does not make a
//! million small allocations per column.

use std::fmt;
use std::ops::Deref;

/// The longest text kept inline, in bytes: with the length byte and the variant's tag the
/// text takes 24 bytes, the size of a `String`.
const INLINE: usize = 22;

/// A cell's text, read-only: inline up to 22 bytes, on the heap beyond. Reads as a `&str`.
#[derive(Clone)]
pub struct CellText(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl CellText {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)])
                .expect("inline bytes are copied whole from a str"),
            Repr::Heap(text) => text,
        }
    }
}

impl From<&str> for CellText {
    fn from(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            let len = u8::try_from(text.len()).expect("at most INLINE bytes");
            CellText(Repr::Inline { len, bytes })
        } else {
            CellText(Repr::Heap(text.into()))
        }
    }
}

impl From<String> for CellText {
    fn from(text: String) -> Self {
        if text.len() <= INLINE {
            CellText::from(text.as_str())
        } else {
            CellText(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl Deref for CellText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CellText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for CellText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CellText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for CellText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CellText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_texts_read_back_whole() {
        for text in [
            "",
            "2024-03",
            "exactly twenty-two b!!",
            "twenty-three bytes long",
            "é€😀",
        ] {
            let cell = CellText::from(text);
            assert_eq!(cell.as_str(), text);
            assert_eq!(CellText::from(text.to_owned()), cell);
            assert_eq!(format!("{cell:?}"), format!("{text:?}"));
        }
        assert!(matches!(
            CellText::from("a".repeat(22).as_str()).0,
            Repr::Inline { .. }
        ));
        assert!(matches!(CellText::from("a".repeat(23)).0, Repr::Heap(_)));
        assert_eq!(size_of::<CellText>(), 24);
        // A cell is no larger than the text it holds: the variant's tag finds room in it.
        assert_eq!(size_of::<crate::io::kpi_import::Cell>(), 24);
    }
}
