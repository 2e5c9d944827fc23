//! Nothing in the shipped bindings slips by unchecked: every struct, union, type alias,
//! field and constant they declare for the target must be in `src/table.rs`.
//!
//! The file serves a whole C library family; an item it declares for some
//! architectures only carries a `#[cfg]`, which is resolved here for the target the test
//! runs on, as the compiler resolves it.

use netdb_systest::{checked_consts, checked_types, BINDINGS_FILE, SHIPPED_BINDINGS, TARGET};

/// What a bindings file declares.
#[derive(Debug, Default, PartialEq)]
struct Declared {
    /// `(kind, name, fields)`; kind is `struct`, `union` or `type`.
    types: Vec<(String, String, Vec<String>)>,
    consts: Vec<String>,
}

/// bindgen's own helpers (`__BindgenBitfieldUnit`, `__bindgen_ty_1`, `_bindgen_ty_1`,
/// `__bindgen_padding_0`, `_bitfield_1`, ...), which have no C counterpart, and the
/// anonymous structs and unions it names after their parent (`in_addr__bindgen_ty_1`),
/// which C cannot name: the parent's checks cover their size and place.
fn is_bindgen_internal(name: &str) -> bool {
    ["__bindgen", "__Bindgen", "_bindgen_", "_bitfield_"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
        || name.contains("__bindgen_ty_")
}

/// bindgen's stand-in for a type C only declares (`struct addrinfoexW;`): a struct whose
/// one field is `_address`. C has no size or field of it to compare with.
fn is_opaque(fields: &[String]) -> bool {
    fields.len() == 1 && fields[0] == "_address"
}

fn ident(s: &str) -> String {
    s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// The value of a `cfg` key for the target these tests run on.
fn cfg_value(key: &str) -> Option<String> {
    match key {
        "target_pointer_width" => Some(usize::BITS.to_string()),
        "target_arch" => Some(std::env::consts::ARCH.to_owned()),
        "target_os" => Some(std::env::consts::OS.to_owned()),
        _ => None,
    }
}

/// Whether a `cfg` predicate (`key = "value"`, `any(..)`, `all(..)`, `not(..)`) holds
/// for the target, with `values` giving each key's value; reads the predicate off the
/// front of `text` and returns what follows it.
fn predicate<'t>(text: &'t str, values: &dyn Fn(&str) -> Option<String>) -> (bool, &'t str) {
    let text = text.trim_start();
    let name_end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
    let (name, rest) = text.split_at(name_end);
    let rest = rest.trim_start();
    if let Some(mut rest) = rest.strip_prefix('(') {
        let mut results = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix(')') {
                rest = after;
                break;
            }
            let (result, after) = predicate(rest, values);
            results.push(result);
            rest = after.trim_start().strip_prefix(',').unwrap_or(after);
        }
        let holds = match name {
            "any" => results.contains(&true),
            "all" => !results.contains(&false),
            "not" => results == [false],
            other => panic!("unknown cfg predicate {other}(..)"),
        };
        return (holds, rest);
    }
    let rest = rest.strip_prefix('=').unwrap_or_else(|| panic!("cfg `{name}` without a value"));
    let rest = rest.trim_start().strip_prefix('"').expect("a cfg value is a string");
    let (value, rest) = rest.split_once('"').expect("a cfg string ends");
    let actual = values(name).unwrap_or_else(|| panic!("unknown cfg key {name}"));
    (actual == value, rest)
}

/// Whether the `#[cfg(...)]` attribute on `line` holds for the target; `None` if the
/// line is no such attribute.
fn cfg_attribute(line: &str, values: &dyn Fn(&str) -> Option<String>) -> Option<bool> {
    let inner = line.strip_prefix("#[cfg(")?.strip_suffix(")]")?;
    let (holds, rest) = predicate(inner, values);
    assert!(rest.trim().is_empty(), "unread cfg text {rest:?} in {line}");
    Some(holds)
}

/// Reads the declarations for the target out of bindgen's (prettyplease-formatted)
/// output.
fn declared(bindings: &str) -> Declared {
    declared_for(bindings, &cfg_value)
}

/// [`declared`] for a target whose `cfg` values `values` gives.
fn declared_for(bindings: &str, values: &dyn Fn(&str) -> Option<String>) -> Declared {
    let mut found = Declared::default();
    let mut lines = bindings.lines();
    // Whether the item the attributes read so far belong to is compiled for the target.
    let mut compiled = true;
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        if let Some(holds) = cfg_attribute(line, values) {
            compiled = holds;
            continue;
        }
        if line.starts_with("#[") || line.starts_with("///") {
            continue;
        }
        let this_item_compiled = std::mem::replace(&mut compiled, true);
        let (kind, rest) = if let Some(rest) = line.strip_prefix("pub struct ") {
            ("struct", rest)
        } else if let Some(rest) = line.strip_prefix("pub union ") {
            ("union", rest)
        } else if let Some(rest) = line.strip_prefix("pub type ") {
            ("type", rest)
        } else if let Some(rest) = line.strip_prefix("pub const ") {
            // `pub const fn` and `pub const unsafe fn`: methods of bindgen's bitfield
            // helper, not constants.
            if rest.starts_with("fn ") || rest.starts_with("unsafe fn ") {
                continue;
            }
            let name = ident(rest);
            if this_item_compiled && !is_bindgen_internal(&name) {
                found.consts.push(name);
            }
            continue;
        } else {
            continue;
        };
        let name = ident(rest);
        let mut fields = Vec::new();
        if kind != "type" && line.ends_with('{') {
            for line in lines.by_ref() {
                let line = line.trim();
                if line == "}" {
                    break;
                }
                if let Some(field) = line.strip_prefix("pub ") {
                    let field = ident(field);
                    if !is_bindgen_internal(&field) {
                        fields.push(field);
                    }
                }
            }
        }
        if this_item_compiled && !is_bindgen_internal(&name) && !is_opaque(&fields) {
            found.types.push((kind.to_owned(), name, fields));
        }
    }
    found
}

/// What `declared` finds that the table does not check.
fn unchecked(found: &Declared) -> Vec<String> {
    let types = checked_types();
    let consts = checked_consts();
    let mut missing = Vec::new();
    for (kind, name, fields) in &found.types {
        let Some(checked) = types.iter().find(|t| t.name == name) else {
            missing.push(format!("{kind} {name} is not checked"));
            continue;
        };
        for field in fields {
            if !checked.fields.contains(&field.as_str()) {
                missing.push(format!("field {name}.{field} is not checked"));
            }
        }
    }
    for name in &found.consts {
        if !consts.contains(&name.as_str()) {
            missing.push(format!("constant {name} is not checked"));
        }
    }
    missing
}

#[test]
fn table_checks_everything_the_bindings_declare() {
    assert!(!BINDINGS_FILE.is_empty(), "netdb-sys ships no bindings for {TARGET}");
    let bindings = std::fs::read_to_string(SHIPPED_BINDINGS).unwrap_or_else(|e| {
        panic!("reading the bindings shipped for {TARGET} ({SHIPPED_BINDINGS}): {e}")
    });
    let found = declared(&bindings);
    assert!(
        !found.types.is_empty() && !found.consts.is_empty(),
        "found no types or constants in {SHIPPED_BINDINGS}: has bindgen's output format \
         changed? {found:?}"
    );
    let missing = unchecked(&found);
    assert!(
        missing.is_empty(),
        "{SHIPPED_BINDINGS} declares for {TARGET} what netdb-systest/src/table.rs does not \
         check; add it to the table:\n{}",
        missing.join("\n")
    );
}

/// The parser sees what a new struct, field or constant would add, and skips bindgen's
/// helpers.
#[test]
fn parser_finds_new_items() {
    let sample = "\
#[repr(C)]
pub struct brand_new {
    pub a: ::core::ffi::c_int,
    pub __bindgen_padding_0: [u8; 4usize],
}
pub union __bindgen_ty_1 {
    pub x: u32,
}
pub type new_alias = ::core::ffi::c_uint;
pub const NEW_FLAG: i32 = 1;
pub const __bindgen_internal: i32 = 2;
pub struct parent__bindgen_ty_1 {
    pub x: u32,
}
pub struct only_declared {
    pub _address: u8,
}
impl<Storage> __BindgenBitfieldUnit<Storage> {
    pub const fn new(storage: Storage) -> Self {
    pub const unsafe fn raw_get(this: *const Self) -> u64 {
";
    let found = declared(sample);
    assert_eq!(
        found,
        Declared {
            types: vec![
                ("struct".into(), "brand_new".into(), vec!["a".into()]),
                ("type".into(), "new_alias".into(), vec![]),
            ],
            consts: vec!["NEW_FLAG".into()],
        }
    );
    assert_eq!(
        unchecked(&found),
        [
            "struct brand_new is not checked",
            "type new_alias is not checked",
            "constant NEW_FLAG is not checked",
        ]
    );
}

/// An item under a `#[cfg]` counts only for the targets it holds for; the attributes
/// between the `#[cfg]` and the item do not end it.
#[test]
fn parser_resolves_cfgs_for_the_target() {
    let sample = "\
#[cfg(target_pointer_width = \"64\")]
#[repr(C)]
pub struct only64 {
    pub a: u64,
}
#[cfg(target_pointer_width = \"32\")]
/// A doc comment.
#[repr(C)]
pub struct only32 {
    pub a: u32,
}
#[cfg(any(target_arch = \"sparc64\", not(target_pointer_width = \"32\")))]
pub const EITHER: i32 = 1;
#[cfg(all(target_arch = \"x86\", target_pointer_width = \"64\"))]
pub const NEITHER: i32 = 2;
pub const ALWAYS: i32 = 3;
";
    let on_x86_64 = |key: &str| match key {
        "target_pointer_width" => Some("64".to_owned()),
        "target_arch" => Some("x86_64".to_owned()),
        _ => None,
    };
    let found = declared_for(sample, &on_x86_64);
    assert_eq!(
        found,
        Declared {
            types: vec![("struct".into(), "only64".into(), vec!["a".into()])],
            consts: vec!["EITHER".into(), "ALWAYS".into()],
        }
    );
    let on_i686 = |key: &str| match key {
        "target_pointer_width" => Some("32".to_owned()),
        "target_arch" => Some("x86".to_owned()),
        _ => None,
    };
    let found = declared_for(sample, &on_i686);
    assert_eq!(
        found,
        Declared {
            types: vec![("struct".into(), "only32".into(), vec!["a".into()])],
            consts: vec!["ALWAYS".into()],
        }
    );
}
