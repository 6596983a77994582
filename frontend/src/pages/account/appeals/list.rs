//! The resident's appeals about the account, newest first, and «Новое обращение».

use super::NOT_THEIRS;
use crate::components::appeals::card::AppealItem;
use crate::components::appeals::Party;
use crate::components::load::{load_keyed, show};
use crate::components::pager::{page_number, page_query, Pager};
use crate::navigation::{use_navigation, Link};
use crate::pages::account::use_account;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn AppealsPage() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let navigation = use_navigation();
    let page = Memo::new(move |_| page_number(navigation.query("page").as_deref()));
    let list = load_keyed(
        session,
        NOT_THEIRS,
        move || page.get(),
        async move |c, page| c.appeals(id, page_query(*page)).await,
    );
    let base = format!("/accounts/{id}/appeals");
    view! {
        <section class="section" aria-labelledby="appeals-title">
            <h2 id="appeals-title">"Обращения"</h2>
            <p class="page-actions">
                <Link href=format!("{base}/new") class="button" attr:id="new-appeal">
                    "Новое обращение"
                </Link>
            </p>
            {show(
                list,
                "Загружаем обращения…",
                move |list| {
                    if list.total == 0 {
                        return view! { <NoAppeals /> }.into_any();
                    }
                    view! {
                        <ul id="appeal-list" class="appeal-list">
                            {list
                                .items
                                .into_iter()
                                .map(|appeal| {
                                    let href = format!("{base}/{}", appeal.id);
                                    view! { <AppealItem party=Party::Resident appeal href /> }
                                })
                                .collect_view()}
                        </ul>
                        <Pager page=page.get_untracked() total=list.total />
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

/// What appeals are for, while there are none.
#[component]
fn NoAppeals() -> impl IntoView {
    view! {
        <div id="no-appeals" class="card empty">
            <p>
                <strong>"Обращений пока нет."</strong>
            </p>
            <p class="muted">
                "Здесь можно написать управляющей организации о доме и квартире: задать вопрос о начислениях, сообщить о протечке или неисправности, пожаловаться или предложить. Ответ придёт сюда и на e-mail."
            </p>
        </div>
    }
}
