//! Formatting shared by the `Display` impls of the database entries.

use std::fmt;

/// Writes `text` padded with spaces to `width` bytes, as C's `printf("%-21s")` does in
/// `getent`: C counts bytes, where Rust's `{:<21}` counts characters, and the two
/// differ for names that are not ASCII.
pub(crate) fn write_c_padded(f: &mut fmt::Formatter<'_>, text: &str, width: usize) -> fmt::Result {
    f.write_str(text)?;
    for _ in text.len()..width {
        f.write_str(" ")?;
    }
    Ok(())
}

/// Writes each alias after a space, as `getent` ends its lines.
pub(crate) fn write_aliases(f: &mut fmt::Formatter<'_>, aliases: &[String]) -> fmt::Result {
    aliases.iter().try_for_each(|alias| write!(f, " {alias}"))
}
