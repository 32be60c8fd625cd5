//! Text to a spanned tree and back: YAML parsed with every node's position (`node`), typed
//! with located errors (`de`), re-read incrementally after an edit (`reparse`), and edited
//! in place with comments and layout kept (`edit`). Knows nothing of what a design means;
//! typing a whole design is `crate::load`.

pub mod de;
pub mod edit;
#[cfg(not(target_arch = "wasm32"))]
mod json;
pub mod node;
pub mod reparse;
