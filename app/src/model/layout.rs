//! The panel's geometry: where each rectangle and line goes, as a pure function of how many
//! JOC instances, Controller instances and Agents (with their Subagents) there are. Rows from top to bottom: the
//! database, the JOC Cockpit instances, the Controller instances (with the cluster box between
//! them), the Agents.

/// A point in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A rectangle in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn centre_x(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Do the two rectangles share any area?
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

/// A polyline as the SVG `points` attribute wants it.
pub fn points(p: &[Point]) -> String {
    p.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect::<Vec<_>>().join(" ")
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub database: Rect,
    pub jocs: Vec<Rect>,
    pub controllers: Vec<Rect>,
    /// The cluster box, between the two Controller instances.
    pub cluster: Option<Rect>,
    pub agents: Vec<Rect>,
    /// JOC i → database.
    pub joc_db: Vec<Vec<Point>>,
    /// JOC i → Controller k, as `[i][k]`.
    pub joc_controller: Vec<Vec<Vec<Point>>>,
    /// Controller k ↔ cluster box.
    pub cluster_links: Vec<Vec<Point>>,
    /// Active Controller → Agent a.
    pub agent_links: Vec<Vec<Point>>,
}

pub const MARGIN: f64 = 24.0;
pub const JOC: (f64, f64) = (260.0, 124.0);
pub const DB: (f64, f64) = (220.0, 64.0);
pub const CONTROLLER: (f64, f64) = (260.0, 124.0);
pub const CLUSTER: (f64, f64) = (220.0, 56.0);
pub const AGENT: (f64, f64) = (136.0, 56.0);
/// An Agent cluster's box is taller: a row of its Subagents' tiles under its state.
pub const AGENT_CLUSTER_H: f64 = 84.0;
/// A Subagent's tile inside its Agent cluster's box, and the room it takes in the row.
pub const SUBAGENT: f64 = 18.0;
pub const SUBAGENT_STEP: f64 = 22.0;
/// The Subagent tiles a box has room for; the last one says how many more there are.
pub const SUBAGENTS_SHOWN: usize = 5;
const GAP: f64 = 40.0;
const CLUSTER_GAP: f64 = 56.0;
const AGENT_GAP: f64 = 16.0;
const AGENTS_PER_ROW: usize = 5;
const DB_Y: f64 = MARGIN;
const JOC_Y: f64 = DB_Y + DB.1 + 64.0;
const CONTROLLER_Y: f64 = JOC_Y + JOC.1 + 96.0;
const AGENT_Y: f64 = CONTROLLER_Y + CONTROLLER.1 + 72.0;

fn row(count: usize, w: f64, gap: f64) -> f64 {
    count as f64 * w + count.saturating_sub(1) as f64 * gap
}

/// Lays out `jocs` JOC instances (1 to 4), `controllers` Controller instances (1 or 2) and
/// Agents (0 to 10, each given by its number of Subagents) linked to the Controller at index
/// `active` (None: no links).
pub fn layout(jocs: usize, controllers: usize, subagents: &[usize], active: Option<usize>) -> Layout {
    let jocs = jocs.clamp(1, 4);
    let controllers = controllers.clamp(1, 2);
    let agents = subagents.len().min(10);
    let height_of = |a: usize| if subagents[a] > 0 { AGENT_CLUSTER_H } else { AGENT.1 };
    let rows = agents.div_ceil(AGENTS_PER_ROW);
    let row_h: Vec<f64> = (0..rows)
        .map(|r| (r * AGENTS_PER_ROW..((r + 1) * AGENTS_PER_ROW).min(agents)).map(height_of).fold(0.0, f64::max))
        .collect();
    let row_y: Vec<f64> = row_h.iter().scan(AGENT_Y, |y, h| Some(std::mem::replace(y, *y + h + AGENT_GAP))).collect();
    let agent_cols = agents.min(AGENTS_PER_ROW);
    let ctl_row = if controllers == 2 { 2.0 * CONTROLLER.0 + 2.0 * CLUSTER_GAP + CLUSTER.0 } else { CONTROLLER.0 };
    let inner = row(jocs, JOC.0, GAP).max(ctl_row).max(row(agent_cols, AGENT.0, AGENT_GAP)).max(DB.0);
    let width = inner + 2.0 * MARGIN;
    let centred = |w: f64| MARGIN + (inner - w) / 2.0;

    let database = Rect { x: centred(DB.0), y: DB_Y, w: DB.0, h: DB.1 };
    let jx = centred(row(jocs, JOC.0, GAP));
    let joc_rects: Vec<Rect> =
        (0..jocs).map(|i| Rect { x: jx + i as f64 * (JOC.0 + GAP), y: JOC_Y, w: JOC.0, h: JOC.1 }).collect();
    let cx = centred(ctl_row);
    let ctl_rects: Vec<Rect> = (0..controllers)
        .map(|k| Rect {
            x: cx + k as f64 * (ctl_row - CONTROLLER.0),
            y: CONTROLLER_Y,
            w: CONTROLLER.0,
            h: CONTROLLER.1,
        })
        .collect();
    let cluster = (controllers == 2).then(|| Rect {
        x: cx + CONTROLLER.0 + CLUSTER_GAP,
        y: CONTROLLER_Y + (CONTROLLER.1 - CLUSTER.1) / 2.0,
        w: CLUSTER.0,
        h: CLUSTER.1,
    });
    let agent_rects: Vec<Rect> = (0..agents)
        .map(|a| {
            let r = a / AGENTS_PER_ROW;
            let in_row = (agents - r * AGENTS_PER_ROW).min(AGENTS_PER_ROW);
            let x0 = centred(row(in_row, AGENT.0, AGENT_GAP));
            let c = a % AGENTS_PER_ROW;
            Rect { x: x0 + c as f64 * (AGENT.0 + AGENT_GAP), y: row_y[r], w: AGENT.0, h: height_of(a) }
        })
        .collect();

    // JOC i → DB: up from the JOC, across, up into the database at its own spot.
    let joc_db = joc_rects
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let to_x = database.x + database.w * (i as f64 + 1.0) / (jocs as f64 + 1.0);
            let mid = DB_Y + DB.1 + 20.0 + i as f64 * 8.0;
            vec![
                Point { x: r.centre_x(), y: r.y },
                Point { x: r.centre_x(), y: mid },
                Point { x: to_x, y: mid },
                Point { x: to_x, y: database.bottom() },
            ]
        })
        .collect();
    // JOC i → Controller k: down, across at a height of its own, down.
    let pairs = (jocs * controllers) as f64;
    let joc_controller = joc_rects
        .iter()
        .enumerate()
        .map(|(i, jr)| {
            ctl_rects
                .iter()
                .enumerate()
                .map(|(k, cr)| {
                    let from_x = jr.x + jr.w * (k as f64 + 1.0) / (controllers as f64 + 1.0);
                    let to_x = cr.x + cr.w * (i as f64 + 1.0) / (jocs as f64 + 1.0);
                    let slot = (i * controllers + k) as f64;
                    let mid = jr.bottom() + 16.0 + slot * (64.0 / pairs);
                    vec![
                        Point { x: from_x, y: jr.bottom() },
                        Point { x: from_x, y: mid },
                        Point { x: to_x, y: mid },
                        Point { x: to_x, y: cr.y },
                    ]
                })
                .collect()
        })
        .collect();
    let cluster_links = match cluster {
        Some(b) => {
            let y = b.y + b.h / 2.0;
            vec![
                vec![Point { x: ctl_rects[0].right(), y }, Point { x: b.x, y }],
                vec![Point { x: b.right(), y }, Point { x: ctl_rects[1].x, y }],
            ]
        }
        None => vec![],
    };
    let agent_links = match active.and_then(|a| ctl_rects.get(a)) {
        Some(cr) => {
            let bus = AGENT_Y - 28.0;
            agent_rects
                .iter()
                .enumerate()
                .map(|(a, ar)| {
                    let r = (a / AGENTS_PER_ROW) as f64;
                    let drop = ar.centre_x() + r * 12.0;
                    let stop = bus + r * 6.0;
                    let mut p = vec![Point { x: cr.centre_x(), y: cr.bottom() }, Point { x: cr.centre_x(), y: stop }];
                    p.push(Point { x: drop, y: stop });
                    p.push(Point { x: drop, y: ar.y });
                    p
                })
                .collect()
        }
        None => vec![],
    };
    let height = agent_rects.iter().map(Rect::bottom).fold(CONTROLLER_Y + CONTROLLER.1, f64::max) + MARGIN;
    Layout {
        width,
        height,
        database,
        jocs: joc_rects,
        controllers: ctl_rects,
        cluster,
        agents: agent_rects,
        joc_db,
        joc_controller,
        cluster_links,
        agent_links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_rects(l: &Layout) -> Vec<Rect> {
        let mut v = vec![l.database];
        v.extend(&l.jocs);
        v.extend(&l.controllers);
        v.extend(l.cluster);
        v.extend(&l.agents);
        v
    }

    proptest! {
        /// Nothing overlaps and everything fits, for every supported size.
        #[test]
        fn nothing_overlaps(
            jocs in 1usize..=4,
            controllers in 1usize..=2,
            subagents in proptest::collection::vec(0usize..=8, 0..=10),
            active in 0usize..2,
        ) {
            let agents = subagents.len();
            let l = layout(jocs, controllers, &subagents, Some(active));
            let rects = all_rects(&l);
            for (i, a) in rects.iter().enumerate() {
                prop_assert!(a.x >= 0.0 && a.y >= 0.0 && a.right() <= l.width && a.bottom() <= l.height, "{:?} outside", a);
                for b in &rects[i + 1..] {
                    prop_assert!(!a.overlaps(b), "{:?} overlaps {:?}", a, b);
                }
            }
            prop_assert_eq!(l.joc_db.len(), jocs);
            prop_assert!(l.joc_controller.iter().all(|v| v.len() == controllers));
            prop_assert_eq!(l.agent_links.len(), if active < controllers { agents } else { 0 });
        }

        /// Every line starts and ends on the edge of the rectangles it joins.
        #[test]
        fn lines_join_their_rectangles(jocs in 1usize..=4, controllers in 1usize..=2) {
            let l = layout(jocs, controllers, &[0, 2, 0], Some(0));
            for (i, line) in l.joc_db.iter().enumerate() {
                prop_assert_eq!(line[0].y, l.jocs[i].y);
                prop_assert_eq!(line.last().unwrap().y, l.database.bottom());
            }
            for (i, per) in l.joc_controller.iter().enumerate() {
                for (k, line) in per.iter().enumerate() {
                    prop_assert_eq!(line[0].y, l.jocs[i].bottom());
                    prop_assert_eq!(line.last().unwrap().y, l.controllers[k].y);
                }
            }
        }
    }

    #[test]
    fn an_agent_cluster_box_is_taller_and_its_row_follows() {
        let l = layout(1, 1, &[0, 3, 0, 0, 0, 0], Some(0));
        assert_eq!((l.agents[0].h, l.agents[1].h), (AGENT.1, AGENT_CLUSTER_H));
        assert_eq!(l.agents[5].y, l.agents[0].y + AGENT_CLUSTER_H + AGENT_GAP);
        assert_eq!(l.height, l.agents[5].bottom() + MARGIN);
    }

    #[test]
    fn standalone_has_no_cluster_box() {
        let l = layout(1, 1, &[], Some(0));
        assert!(l.cluster.is_none() && l.cluster_links.is_empty());
        assert_eq!(
            points(&l.joc_db[0][..2]),
            format!("{:.1},{:.1} {:.1},{:.1}", l.joc_db[0][0].x, l.joc_db[0][0].y, l.joc_db[0][1].x, l.joc_db[0][1].y)
        );
    }
}
