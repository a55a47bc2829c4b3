//! Simulated time: the wall clock at start plus the real time elapsed since, times a speed
//! factor, so that `--sim-speed 20` makes a 40 s JOC switch-over take 2 s.

use super::world::SimTime;
use chrono::Utc;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Clock {
    start: Instant,
    wall: SimTime,
    speed: f64,
}

impl Clock {
    pub fn new(speed: f64) -> Clock {
        Clock { start: Instant::now(), wall: Utc::now(), speed: speed.clamp(0.01, 1000.0) }
    }

    /// The simulated now.
    pub fn now(&self) -> SimTime {
        let elapsed = self.start.elapsed().mul_f64(self.speed);
        self.wall + chrono::Duration::from_std(elapsed).unwrap_or_default()
    }

    /// How long a simulated duration lasts in real time.
    pub fn real(&self, sim: Duration) -> Duration {
        sim.div_f64(self.speed)
    }

    /// Real time until a simulated instant (zero if it has passed).
    pub fn real_until(&self, due: SimTime) -> Duration {
        (due - self.now()).to_std().map(|d| self.real(d)).unwrap_or_default()
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }
}
