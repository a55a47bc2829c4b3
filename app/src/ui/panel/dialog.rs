//! The confirmation dialog: names the operation and its target, says what will happen, asks
//! for a reason when JOC forces one (or the user wants to give one), and for a node-loss
//! confirmation requires ticking that the lost instance was verified to be down. The URL
//! dialog is the same dialog with a URL field.

use super::PanelData;
use super::ops::{DialogRequest, Notice, OpsState, Pending, call};

use crate::model::joc::AuditParams;
use crate::model::operations::{Effects, Operation};
use crate::model::session::UserInfo;
use crate::ui::i18n::use_lang;
use crate::ui::text::ops::{self as words, dialog as say};
use leptos::prelude::*;

/// The reason JOC records, from the dialog's fields (None when all are empty).
pub fn audit_params(comment: &str, minutes: &str, ticket: &str) -> Option<AuditParams> {
    let comment = comment.trim();
    let ticket = ticket.trim();
    let time_spent = minutes.trim().parse::<u32>().ok();
    if comment.is_empty() && ticket.is_empty() && time_spent.is_none() {
        return None;
    }
    Some(AuditParams {
        comment: (!comment.is_empty()).then(|| comment.to_string()),
        time_spent,
        ticket_link: (!ticket.is_empty()).then(|| ticket.to_string()),
    })
}

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let ops = expect_context::<OpsState>();
    view! {
        {move || ops.dialog.get().map(|req| view! { <DialogBody req /> })}
    }
}

#[component]
fn DialogBody(req: DialogRequest) -> impl IntoView {
    let ops = expect_context::<OpsState>();
    let d = expect_context::<PanelData>();
    let user = expect_context::<UserInfo>();
    let lang = use_lang();
    let comment = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let url = RwSignal::new(req.url.clone().unwrap_or_default());
    let verified = RwSignal::new(false);
    let is_url = matches!(req.op, Operation::UpdateUrl { .. });
    let forced = user.force_comments && !is_url;
    let needs_check = req.loss_node.is_some();
    let ready = move || (!forced || !comment.get().trim().is_empty()) && (!needs_check || verified.get());
    let close = move || ops.dialog.set(None);
    let title = {
        let (action, failover) = (req.action.clone(), req.failover);
        move || words::label(lang.get(), &action, failover)
    };
    let consequence = {
        let (op, coupled, active) = (req.op.clone(), req.coupled, req.active);
        move || words::consequence(lang.get(), &op, coupled, active)
    };
    let target = req.target;
    let target_name = move || {
        d.components.with(|c| c.as_ref().map(|c| words::target_name(lang.get(), target, c)).unwrap_or_default())
    };
    let req_submit = req.clone();
    let title_submit = title.clone();
    let chosen = use_context::<super::ops::Chosen>().unwrap_or_default();
    let submit = move || {
        if !ready() {
            return;
        }
        let req = req_submit.clone();
        let op = match &req.op {
            Operation::UpdateUrl { instance_id, .. } => {
                Operation::UpdateUrl { instance_id: instance_id.clone(), url: url.get_untracked() }
            }
            other => other.clone(),
        };
        let audit = if is_url {
            None
        } else {
            audit_params(&comment.get_untracked(), &minutes.get_untracked(), &ticket.get_untracked())
        };
        let before = d.components.with_untracked(|c| c.as_ref().map(Effects::of).unwrap_or_default());
        ops.dialog.set(None);
        ops.pending.set(Some(Pending {
            target: req.target,
            label: title_submit(),
            started: now_ms(),
            accepted: false,
            before,
        }));
        let label = title_submit();
        let l = lang.get_untracked();
        let chosen = chosen.clone();
        // The answer may come after the panel is gone (another Controller chosen): then
        // there is nothing left to tell, hence the `try_` writes.
        leptos::task::spawn_local(async move {
            let shows = op.shows_in_status();
            match call(op, audit, chosen).await {
                Ok(()) if shows => {
                    ops.pending.try_update(|p| {
                        if let Some(p) = p {
                            p.accepted = true;
                        }
                    });
                }
                Ok(()) => {
                    ops.pending.try_set(None);
                    ops.notice.try_set(Some(Notice::Done(words::done(l, &label))));
                }
                Err(e) => {
                    ops.pending.try_set(None);
                    let why = crate::ui::text::error(l, &e);
                    ops.notice.try_set(Some(Notice::Failed(words::refused(l, &label, &why, e.code.as_str()))));
                }
            }
        });
    };
    // The dialog takes focus on its first field (or button), so keyboard users land in it.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(e) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".dialog input, .dialog button").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = e.focus();
            }
        });
    });
    let submit_key = submit.clone();
    let reasons = user.reasons.clone();
    view! {
        <div class="backdrop" on:click=move |_| close()></div>
        <div
            class="dialog"
            class:severe=req.severe
            role="dialog"
            aria-modal="true"
            aria-labelledby="dialog-title"
            on:keydown=move |e| {
                if e.key() == "Escape" {
                    close();
                }
            }
        >
            <h2 id="dialog-title">{title}</h2>
            <p class="target">{target_name}</p>
            <p class="consequence" class:warning=req.severe>{consequence}</p>
            <form on:submit=move |e| {
                e.prevent_default();
                submit_key();
            }>
                {is_url.then(|| view! {
                    <label>{move || say::url_field(lang.get())} <input type="url" required prop:value=move || url.get() on:input=move |e| url.set(event_target_value(&e)) /></label>
                })}
                {req.loss_node.clone().map(|node| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || verified.get() on:change=move |e| verified.set(event_target_checked(&e)) />
                        {move || say::verified(lang.get(), &node)}
                    </label>
                })}
                {(!is_url).then(|| view! {
                    <fieldset class="reason">
                        <legend>{move || say::reason_legend(lang.get(), forced)}</legend>
                        <label>{move || say::reason(lang.get())} <input type="text" list="reasons" maxlength="255" required=forced prop:value=move || comment.get() on:input=move |e| comment.set(event_target_value(&e)) /></label>
                        <datalist id="reasons">{reasons.iter().map(|r| view! { <option value=r.clone()></option> }).collect_view()}</datalist>
                        <label>{move || say::time_spent(lang.get())} <input type="number" min="0" prop:value=move || minutes.get() on:input=move |e| minutes.set(event_target_value(&e)) /></label>
                        <label>{move || say::ticket(lang.get())} <input type="text" maxlength="255" prop:value=move || ticket.get() on:input=move |e| ticket.set(event_target_value(&e)) /></label>
                    </fieldset>
                })}
                <div class="actions">
                    <button type="button" on:click=move |_| close()>{move || say::cancel(lang.get())}</button>
                    <button type="submit" class="confirm" disabled=move || !ready()>{move || if is_url { say::submit(lang.get()) } else { say::confirm(lang.get()) }}</button>
                </div>
            </form>
        </div>
    }
}

/// Browser time in milliseconds (0 on the server).
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_sent_only_when_given() {
        assert_eq!(audit_params(" ", "", ""), None);
        let a = audit_params("maintenance ", "15", "").unwrap();
        assert_eq!((a.comment.as_deref(), a.time_spent, a.ticket_link), (Some("maintenance"), Some(15), None));
        assert_eq!(audit_params("", "x", "").map(|a| a.time_spent), None);
    }
}
