//! Formatting shared by the `Display` impls of the database entries.

use std::fmt::{self, Write};
use std::net::{IpAddr, Ipv4Addr};

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

/// Writes `address` as C's `inet_ntop` does, padded with spaces to `width` bytes as
/// `printf("%-15s")` pads it: as Rust writes it, except where the first 96 bits are
/// zero and the next 16 are not, which glibc writes in the IPv4-compatible form
/// `::a.b.c.d` (`::1.2.3.4`) and Rust in hex (`::102:304`).
pub(crate) fn write_c_address_padded(
    f: &mut fmt::Formatter<'_>,
    address: IpAddr,
    width: usize,
) -> fmt::Result {
    let mut out = Counting { f, written: 0 };
    match address {
        IpAddr::V6(v6) if v6.segments()[..6] == [0; 6] && v6.segments()[6] != 0 => {
            let [.., a, b, c, d] = v6.octets();
            write!(out, "::{}", Ipv4Addr::new(a, b, c, d))?;
        }
        address => write!(out, "{address}")?,
    }
    for _ in out.written..width {
        out.f.write_str(" ")?;
    }
    Ok(())
}

/// Passes text on to a formatter and counts its bytes.
struct Counting<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    written: usize,
}

impl fmt::Write for Counting<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.written += text.len();
        self.f.write_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Padded(IpAddr);

    impl fmt::Display for Padded {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_c_address_padded(f, self.0, 15)
        }
    }

    /// Addresses as glibc's `inet_ntop` and `printf("%-15s")` write them.
    #[test]
    fn addresses_are_written_as_c_writes_them() {
        for (address, c) in [
            ("127.0.0.1", "127.0.0.1      "),
            ("::1", "::1            "),
            ("::1.2.3.4", "::1.2.3.4      "),
            ("::0.1.0.0", "::0.1.0.0      "),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4 "),
            ("2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"),
        ] {
            assert_eq!(Padded(address.parse().unwrap()).to_string(), c, "{address}");
        }
    }
}
