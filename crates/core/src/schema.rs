//! The JSON Schema of the design format, generated from the same types the loader uses.

/// The schema as pretty JSON text.
pub fn design_schema_json() -> String {
    let schema = schemars::schema_for!(crate::design::Design);
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    add_common_fields(&mut value);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The fields every kind has but no kind's type holds (`resources::COMMON_FIELDS` besides
/// `kind`: the loader reads them), added to each kind's schema.
fn add_common_fields(schema: &mut serde_json::Value) {
    let recovery = serde_json::json!({
        "description": "`none`: the resource holds no data worth recovering, so readiness leaves it out of the RPO and says so. Or `{ mode: none, reason }`.",
        "anyOf": [
            { "const": "none" },
            {
                "type": "object",
                "properties": {
                    "mode": { "const": "none" },
                    "reason": { "type": "string" }
                },
                "required": ["mode"],
                "additionalProperties": false
            }
        ]
    });
    let reason = serde_json::json!({
        "description": "Why the resource says `recovery: none`, shown beside the readiness figures.",
        "type": "string"
    });
    let Some(kinds) = schema
        .pointer_mut("/$defs/Resource/oneOf")
        .and_then(|v| v.as_array_mut())
    else {
        return;
    };
    for kind in kinds {
        if let Some(props) = kind.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert("recovery".into(), recovery.clone());
            props.insert("reason".into(), reason.clone());
        }
    }
}
