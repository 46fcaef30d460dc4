//! The group actions: create, edit, delete a group.

use super::*;

pub(in crate::core::update) fn group_action(
    model: &mut Model,
    action: Action,
    pool_id: String,
) -> Vec<Effect> {
    let selected = model
        .groups
        .as_ref()
        .and_then(|g| g.selected_row())
        .cloned();
    match (action, selected) {
        (Action::New, _) => {
            model.form = Some(Form::new(
                "New group",
                FormKind::CreateGroup,
                pool_id,
                group_fields(None),
            ));
            vec![]
        }
        (Action::Edit, Some(g)) => {
            let mut fields = group_fields(Some(&g));
            fields.remove(0);
            model.form = Some(Form::new(
                format!("Edit group {}", g.name),
                FormKind::EditGroup { name: g.name },
                pool_id,
                fields,
            ));
            vec![]
        }
        (Action::Delete, Some(g)) => {
            model.confirm = Some(Confirm {
                title: format!("Delete group {}?", g.name),
                lines: vec![
                    "The group goes; its members stay users, without it.".into(),
                    format!("Type {} and press enter to delete it.", g.name),
                ],
                pool_id,
                then: Confirmed::Write(Write::DeleteGroup {
                    name: g.name.clone(),
                }),
                typed: Some((g.name, TextInput::default())),
                pending: None,
                error: None,
            });
            vec![]
        }
        _ => vec![],
    }
}

pub(in crate::core::update) fn group_fields(g: Option<&Group>) -> Vec<Field> {
    vec![
        Field::text("name", g.map(|g| g.name.clone()).unwrap_or_default(), ""),
        Field::text(
            "description",
            g.and_then(|g| g.description.clone()).unwrap_or_default(),
            "",
        ),
        Field::text(
            "precedence",
            g.and_then(|g| g.precedence)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            "lower wins; empty: none",
        ),
        Field::text(
            "IAM role ARN",
            g.and_then(|g| g.role_arn.clone()).unwrap_or_default(),
            "empty: none",
        ),
    ]
}
