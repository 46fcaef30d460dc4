//! The attribute actions: edit or delete a user's attribute value, add a custom attribute
//! to the schema.

use super::*;

pub(in crate::core::update) fn attribute_action(
    model: &mut Model,
    action: Action,
    pool_id: String,
    username: String,
) -> Vec<Effect> {
    let Some(schema) = pool_detail(model, &pool_id).map(|d| d.schema.clone()) else {
        return refuse(model, "the pool's schema is not loaded yet");
    };
    let attr = schema
        .get(model.attributes_selected)
        .map(|a| a.name.clone());
    let value = |name: &str| {
        model
            .user
            .as_ref()
            .and_then(|u| u.user.data.as_ref())
            .and_then(|u| u.attribute(name))
            .unwrap_or("")
            .to_string()
    };
    match (action, attr) {
        (Action::New, _) => {
            model.form = Some(Form::new(
                format!("Set an attribute of {username}"),
                FormKind::EditAttribute { username },
                pool_id,
                vec![
                    Field::text("name", "", "custom ones as custom:name"),
                    Field::text("value", "", ""),
                ],
            ));
            vec![]
        }
        (Action::Edit, Some(name)) => {
            if let Err(why) =
                check_attribute_edit(&schema, &name, AttributeEdit::Set(&value(&name)))
                && matches!(
                    why,
                    crate::domain::policy::AttributeRefusal::Immutable { .. }
                )
            {
                return refuse(model, format!("✗ {why}"));
            }
            let current = value(&name);
            model.form = Some(Form::new(
                format!("Set {name} of {username}"),
                FormKind::EditAttribute { username },
                pool_id,
                vec![
                    Field::text("name", name, ""),
                    Field::text("value", current, ""),
                ],
            ));
            if let Some(f) = &mut model.form {
                f.focus = 1;
            }
            vec![]
        }
        (Action::Delete, Some(name)) => {
            if let Err(why) = check_attribute_edit(&schema, &name, AttributeEdit::Delete) {
                return refuse(model, format!("✗ {why}"));
            }
            confirm(
                model,
                pool_id,
                format!("Delete {name} of {username}?"),
                vec![format!("Its value ({}) goes.", value(&name))],
                Confirmed::Write(Write::DeleteAttributes {
                    username,
                    names: vec![name],
                }),
            );
            vec![]
        }
        _ => vec![],
    }
}
