//! The JSON Schema of the design format, generated from the same types the loader uses.

/// The schema as pretty JSON text.
pub fn design_schema_json() -> String {
    let schema = schemars::schema_for!(crate::design::Design);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
