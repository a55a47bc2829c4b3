//! `use_now`: the browser's clock in milliseconds, ticking every second (for data ages).

use leptos::prelude::*;

/// Milliseconds since the epoch, updated every second in the browser; 0 on the server.
pub fn use_now() -> ReadSignal<f64> {
    let (now, set_now) = signal(0.0);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| set_now.set(js_sys::Date::now()));
        let tick = gloo_timers::callback::Interval::new(1000, move || set_now.set(js_sys::Date::now()));
        let tick = send_wrapper::SendWrapper::new(tick);
        on_cleanup(move || drop(tick));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_now;
    now
}
