//! `distinct`: a value derived from reactive sources whose readers hear of it only when it
//! changes.
//!
//! A [`Memo`] is lazy: when one of its sources changes, every effect that reads it, directly or
//! through other memos, is woken up to check it, even when the memo's value ends up the same.
//! One snapshot of the feed would then wake every text and attribute of the drawing. `distinct`
//! computes its value eagerly, in one effect, and writes its signal only when the value differs,
//! so an update wakes only what it changed. Readers see the new value one microtask later than
//! its sources; on the server (no effects) it keeps the value computed at creation.

use leptos::prelude::*;

/// The value of `f`, kept current by an effect and written only when it changes.
pub fn distinct<T>(f: impl Fn() -> T + 'static) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let (value, set_value) = signal(untrack(&f));
    watch(Box::new(move || {
        let next = f();
        if value.with_untracked(|shown| *shown != next) {
            set_value.set(next);
        }
    }));
    value
}

/// Runs `run` in an effect: one effect type for every `distinct`, so that the bundle carries
/// Leptos' effect code once instead of once per derived value.
fn watch(run: Box<dyn Fn()>) {
    Effect::new(move |_| run());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the server (no effects run), the value is the one computed at creation.
    #[test]
    fn the_value_is_computed_at_creation() {
        let owner = Owner::new();
        owner.with(|| {
            let source = RwSignal::new(3);
            let doubled = distinct(move || source.get() * 2);
            assert_eq!(doubled.get_untracked(), 6);
        });
    }
}
