//! «Темы обращений»: the topics residents choose from, as the organization sets them (the
//! default list until then). An appeal keeps the topic it was written with.

use crate::components::field::{passed, FieldErrors};
use crate::components::form::{FormAlert, FormState, FormStatus, SubmitButton};
use crate::components::load::{load, show};
use crate::components::page::set_document_title;
use crate::session::use_session;
use domkom_dto::{rules, AppealTopics, FieldError};
use leptos::prelude::*;

/// The most topics a list holds (the server's limit).
const TOPICS_MAX: usize = 30;

/// The list typed, as the server checks it: each name trimmed, none empty, none twice.
fn topic_list(rows: &[String]) -> Result<AppealTopics, Vec<FieldError>> {
    let topics = AppealTopics {
        topics: rows.iter().map(|r| r.trim().to_owned()).collect(),
    };
    let problems = rules::check_appeal_topics(&topics);
    passed(topics, problems)
}

#[component]
pub fn TopicsPage() -> impl IntoView {
    set_document_title("Темы обращений");
    let session = use_session();
    let topics = load(session, "Темы недоступны.", async |c| {
        c.operator_appeal_topics().await
    });
    view! {
        <section class="section section-narrow" aria-labelledby="topics-title">
            <h2 id="topics-title">"Темы обращений"</h2>
            <p class="muted">
                "Из этого списка житель выбирает тему обращения. Обращение сохраняет тему, с которой написано, даже если её потом убрать из списка."
            </p>
            {show(topics, "Загружаем темы…", |t| view! { <TopicsForm topics=t.topics /> })}
        </section>
    }
}

#[component]
fn TopicsForm(topics: Vec<String>) -> impl IntoView {
    let session = use_session();
    let rows = RwSignal::new(topics.into_iter().map(RwSignal::new).collect::<Vec<_>>());
    let form = FormState::default();
    let errors = form.errors;
    let submit = form.on_submit(
        move || {
            topic_list(
                &rows.with_untracked(|r| r.iter().map(|v| v.get_untracked()).collect::<Vec<_>>()),
            )
        },
        async move |topics: AppealTopics| {
            let saved = session
                .authorized(async |c| c.set_appeal_topics(&topics).await)
                .await?;
            rows.set(saved.topics.into_iter().map(RwSignal::new).collect());
            form.status.set(Some("Темы сохранены.".into()));
            Ok(())
        },
    );
    let count = move || rows.with(Vec::len);
    let full = move || count() >= TOPICS_MAX;
    let add = move |_: leptos::ev::MouseEvent| {
        rows.update(|r| r.push(RwSignal::new(String::new())));
        let field = format!("topics[{}]", count() - 1);
        // The new row is on the page in the next frame.
        request_animation_frame(move || {
            if let Some(input) = document().get_element_by_id(&field) {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(input).focus();
            }
        });
    };
    let remove = move |i: usize| {
        rows.update(|r| {
            r.remove(i);
        });
        // The messages named rows by their places, which have moved.
        errors.set(Vec::new());
    };
    view! {
        <form id="topics-form" class="card form" novalidate on:submit=submit>
            <FormAlert message=form.alert />
            <FormStatus message=form.status />
            <fieldset id="topics" class="topics" tabindex="-1" aria-describedby="topics-error">
                <legend>"Темы, по порядку в списке"</legend>
                <ol class="topic-rows">
                    {move || {
                        rows.get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, value)| {
                                let removable = count() > 1;
                                view! { <TopicRow i value errors removable on_remove=move || remove(i) /> }
                            })
                            .collect_view()
                    }}
                </ol>
                {move || errors.message("topics").map(|text| view! { <p class="field-error" id="topics-error">{text}</p> })}
            </fieldset>
            <div class="button-row">
                <button
                    type="button"
                    id="add-topic"
                    class="button button-quiet"
                    disabled=full
                    on:click=add
                >
                    "Добавить тему"
                </button>
                <SubmitButton label="Сохранить" busy_label="Сохраняем…" pending=form.pending id="topics-save" />
            </div>
        </form>
    }
}

/// One topic's name, its error and «Убрать». Its input is `topics[i]`, as the server
/// names it in a refusal.
#[component]
fn TopicRow(
    i: usize,
    value: RwSignal<String>,
    errors: FieldErrors,
    removable: bool,
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let field = format!("topics[{i}]");
    let error_id = format!("topics-{i}-error");
    let error = move || errors.message(&format!("topics[{i}]"));
    view! {
        <li class="topic-row field" class:field-invalid=move || error().is_some()>
            <label for=field.clone() class="visually-hidden">"Тема " {i + 1}</label>
            <input
                id=field.clone()
                name="topic"
                type="text"
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=format!("topics-{i}-error")
                bind:value=value
            />
            {removable.then(|| view! {
                <button type="button" class="button button-quiet" data-test="remove-topic" on:click=move |_| on_remove()>
                    "Убрать"
                </button>
            })}
            {move || error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::topic_list;
    use crate::components::field::refusals;

    #[test]
    fn topics_are_trimmed_and_each_named_once() {
        let rows = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            topic_list(&rows(&[" Домофон ", "Лифт"])).unwrap().topics,
            ["Домофон", "Лифт"]
        );
        assert_eq!(
            refusals(topic_list(&rows(&["Лифт", "", "лифт "]))),
            [
                ("topics[1]".to_owned(), "Заполните это поле".to_owned()),
                (
                    "topics[2]".to_owned(),
                    "Эта тема уже есть в списке".to_owned()
                ),
            ]
        );
        assert_eq!(refusals(topic_list(&[]))[0].0, "topics");
    }
}
