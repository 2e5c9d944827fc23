//! Nothing in the shipped bindings slips by unchecked: every struct, union, type alias,
//! field and constant they declare for the target must be in `src/table.rs`.

use netdb_systest::{checked_consts, checked_types, SHIPPED_BINDINGS, TARGET};

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

/// Reads the declarations out of bindgen's (prettyplease-formatted) output.
fn declared(bindings: &str) -> Declared {
    let mut found = Declared::default();
    let mut lines = bindings.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
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
            if !is_bindgen_internal(&name) {
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
        if !is_bindgen_internal(&name) && !is_opaque(&fields) {
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
    let bindings = std::fs::read_to_string(SHIPPED_BINDINGS).unwrap_or_else(|e| {
        panic!(
            "reading the bindings shipped for {TARGET} (netdb-sys/src/bindings/{TARGET}.rs): {e}"
        )
    });
    let found = declared(&bindings);
    assert!(
        !found.types.is_empty() && !found.consts.is_empty(),
        "found no types or constants in netdb-sys/src/bindings/{TARGET}.rs: has bindgen's \
         output format changed? {found:?}"
    );
    let missing = unchecked(&found);
    assert!(
        missing.is_empty(),
        "netdb-sys/src/bindings/{TARGET}.rs declares what netdb-systest/src/table.rs does \
         not check; add it to the table:\n{}",
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
