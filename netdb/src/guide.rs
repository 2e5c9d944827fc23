//! The guide: a page for each topic that is more than one item's, from errors to the
//! platforms; "Where each topic lives" on the [front page](crate) says which holds what.
//!
//! The pages are the Markdown files of `netdb/docs/` in the repository, which read the
//! same on GitHub.

// The pages link to one another by reference (`[platforms]`) and define each label at
// their end as the file beside them, which is right on GitHub; the README defines them
// as GitHub URLs, which are right on crates.io too. guide_links.md defines the same
// labels as these modules. Put before the text, its definitions win (Markdown keeps a
// label's first definition), so that on docs.rs the links lead to these pages, and
// rustdoc checks each of them.
macro_rules! pages {
    ($($name:ident: $file:literal,)*) => {$(
        #[doc = include_str!("guide_links.md")]
        #[doc = include_str!(concat!("../docs/", $file))]
        pub mod $name {}
    )*};
}

pages! {
    errors: "errors.md",
    deadlines: "deadlines.md",
    http: "http.md",
    guarantees: "guarantees.md",
    services_index: "services-index.md",
    performance: "performance.md",
    platforms: "platforms.md",
    windows: "windows.md",
    features: "features.md",
    getent: "getent.md",
}
