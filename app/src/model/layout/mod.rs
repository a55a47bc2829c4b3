//! The panel's geometry: where each rectangle and line goes, as a pure function of how many
//! JOC instances, Controller instances and Agents (with their Subagents) there are and of the
//! width the screen gives. Rows from top to bottom: the database, the JOC Cockpit instances,
//! the Controller instances (with the cluster box between them), the Agents. On a narrow
//! screen the rows wrap and the Controller instances stand in a column, so that the drawing is
//! shown at least at its own size: its text never smaller than the CSS says.

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
pub const CLUSTER: (f64, f64) = (220.0, 70.0);
pub const AGENT: (f64, f64) = (136.0, 70.0);
/// An Agent cluster's box is taller: a row of its Subagents' tiles under its state.
pub const AGENT_CLUSTER_H: f64 = 98.0;
/// A Subagent's tile inside its Agent cluster's box, and the room it takes in the row.
pub const SUBAGENT: f64 = 18.0;
pub const SUBAGENT_STEP: f64 = 22.0;
/// The Subagent tiles a box has room for; the last one says how many more there are.
pub const SUBAGENTS_SHOWN: usize = 5;
const GAP: f64 = 40.0;
const CLUSTER_GAP: f64 = 40.0;
/// Between the Controller instances and the cluster box when they stand in a column.
const CLUSTER_GAP_V: f64 = 36.0;
const AGENT_GAP: f64 = 16.0;
const AGENTS_PER_ROW: usize = 5;
/// Between two rows of JOC instances: room for the lines that pass them.
const JOC_ROW_GAP: f64 = 48.0;
/// Beside Controller instances in a column: room for the lines that pass them.
const SIDE_LANE: f64 = 48.0;
const DB_Y: f64 = MARGIN;
const JOC_Y: f64 = DB_Y + DB.1 + 64.0;

/// The smallest text of the drawing, in its units (CSS: `.node .row`, `.busy-text`).
pub const SMALLEST_TEXT: f64 = 13.0;
/// The smallest text a screen shows, in CSS px.
pub const READABLE: f64 = 14.0;

/// The width to lay the drawing out in when the page gives it `css_px`: narrow enough that the
/// drawing is shown enlarged by at least [`READABLE`] / [`SMALLEST_TEXT`], so that no text is
/// under 14 CSS px (on screens at least [`MIN_WIDTH`] × that wide).
pub fn room_for(css_px: f64) -> f64 {
    css_px * SMALLEST_TEXT / READABLE
}

/// The narrowest drawing: one JOC instance, Controller instance or Agent a row, with the lanes
/// beside the Controller instances.
pub const MIN_WIDTH: f64 = CONTROLLER.0 + 2.0 * SIDE_LANE + 2.0 * MARGIN;

fn row(count: usize, w: f64, gap: f64) -> f64 {
    count as f64 * w + count.saturating_sub(1) as f64 * gap
}

/// Lays out `jocs` JOC instances (1 to 4), `controllers` Controller instances (1 or 2) and
/// Agents (0 to 10, each given by its number of Subagents) linked to the Controller at index
/// `active` (None: no links), within `avail` units of width where it can (never narrower than
/// [`MIN_WIDTH`]): JOC instances and Agents wrap into rows, and two Controller instances stand
/// in a column with their cluster box between them when they do not fit side by side.
pub fn layout(jocs: usize, controllers: usize, subagents: &[usize], active: Option<usize>, avail: f64) -> Layout {
    let jocs = jocs.clamp(1, 4);
    let controllers = controllers.clamp(1, 2);
    let agents = subagents.len().min(10);
    let max_inner = (avail - 2.0 * MARGIN).max(MIN_WIDTH - 2.0 * MARGIN);
    let fit = |w: f64, gap: f64, most: usize| (((max_inner + gap) / (w + gap)).floor() as usize).clamp(1, most.max(1));
    let joc_cols = fit(JOC.0, GAP, jocs);
    let joc_rows = jocs.div_ceil(joc_cols);
    let side_by_side = 2.0 * CONTROLLER.0 + 2.0 * CLUSTER_GAP + CLUSTER.0;
    let stacked = controllers == 2 && side_by_side > max_inner;
    let ctl_row = if controllers == 2 && !stacked { side_by_side } else { CONTROLLER.0 };
    let agent_cols = fit(AGENT.0, AGENT_GAP, AGENTS_PER_ROW).min(agents);
    let height_of = |a: usize| if subagents[a] > 0 { AGENT_CLUSTER_H } else { AGENT.1 };
    let inner = row(joc_cols, JOC.0, GAP)
        .max(ctl_row)
        .max(row(agent_cols, AGENT.0, AGENT_GAP))
        .max(DB.0)
        .max(if stacked { CONTROLLER.0 + 2.0 * SIDE_LANE } else { 0.0 });
    let width = inner + 2.0 * MARGIN;
    let centred = |w: f64| MARGIN + (inner - w) / 2.0;

    let database = Rect { x: centred(DB.0), y: DB_Y, w: DB.0, h: DB.1 };
    let jx = centred(row(joc_cols, JOC.0, GAP));
    let joc_rects: Vec<Rect> = (0..jocs)
        .map(|i| Rect {
            x: jx + (i % joc_cols) as f64 * (JOC.0 + GAP),
            y: JOC_Y + (i / joc_cols) as f64 * (JOC.1 + JOC_ROW_GAP),
            w: JOC.0,
            h: JOC.1,
        })
        .collect();
    let jocs_bottom = JOC_Y + row(joc_rows, JOC.1, JOC_ROW_GAP);
    let controller_y = jocs_bottom + 96.0;
    let cx = centred(ctl_row);
    let (ctl_rects, cluster): (Vec<Rect>, Option<Rect>) = if stacked {
        let x = centred(CONTROLLER.0);
        let first = Rect { x, y: controller_y, w: CONTROLLER.0, h: CONTROLLER.1 };
        let b = Rect { x: centred(CLUSTER.0), y: first.bottom() + CLUSTER_GAP_V, w: CLUSTER.0, h: CLUSTER.1 };
        let second = Rect { y: b.bottom() + CLUSTER_GAP_V, ..first };
        (vec![first, second], Some(b))
    } else {
        let rects = (0..controllers)
            .map(|k| Rect {
                x: cx + k as f64 * (ctl_row - CONTROLLER.0),
                y: controller_y,
                w: CONTROLLER.0,
                h: CONTROLLER.1,
            })
            .collect();
        let b = (controllers == 2).then(|| Rect {
            x: cx + CONTROLLER.0 + CLUSTER_GAP,
            y: controller_y + (CONTROLLER.1 - CLUSTER.1) / 2.0,
            w: CLUSTER.0,
            h: CLUSTER.1,
        });
        (rects, b)
    };
    let controllers_bottom = ctl_rects.iter().map(Rect::bottom).fold(0.0, f64::max);
    let agent_y = controllers_bottom + 72.0;
    let agent_rows = agents.div_ceil(agent_cols.max(1));
    let row_h: Vec<f64> = (0..agent_rows)
        .map(|r| (r * agent_cols..((r + 1) * agent_cols).min(agents)).map(height_of).fold(0.0, f64::max))
        .collect();
    let row_y: Vec<f64> = row_h.iter().scan(agent_y, |y, h| Some(std::mem::replace(y, *y + h + AGENT_GAP))).collect();
    let ax = centred(row(agent_cols, AGENT.0, AGENT_GAP));
    let agent_rects: Vec<Rect> = (0..agents)
        .map(|a| Rect {
            x: ax + (a % agent_cols) as f64 * (AGENT.0 + AGENT_GAP),
            y: row_y[a / agent_cols],
            w: AGENT.0,
            h: height_of(a),
        })
        .collect();

    // JOC i → DB: up from the JOC, across, up into the database at its own spot. From a lower
    // row: up into the gap above it, aside into the gutter left of its column, up past the rows
    // above.
    let joc_db = joc_rects
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // Aside from the JOC instances' centres, which a column of one puts under it.
            let to_x = database.x + database.w * (i as f64 + 1.0) / (jocs as f64 + 1.0) + 3.0;
            let mid = DB_Y + DB.1 + 20.0 + i as f64 * 8.0;
            let row = i / joc_cols;
            let mut p = vec![Point { x: r.centre_x(), y: r.y }];
            if row > 0 {
                let gap_y = r.y - 16.0 - (i % joc_cols) as f64 * 6.0;
                let gutter = r.x - 8.0 - (row - 1) as f64 * 6.0;
                p.extend([
                    Point { x: r.centre_x(), y: gap_y },
                    Point { x: gutter, y: gap_y },
                    Point { x: gutter, y: mid },
                ]);
            } else {
                p.push(Point { x: r.centre_x(), y: mid });
            }
            p.extend([Point { x: to_x, y: mid }, Point { x: to_x, y: database.bottom() }]);
            p
        })
        .collect();
    // JOC i → Controller k: down, across at a height of its own, down (into the side of a
    // second Controller in a column, by the lane left of them). From a higher row: down into
    // the gap under it, aside into the gutter right of its column, down past the rows below.
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
                    let slot = (i * controllers + k) as f64;
                    let lane = jocs_bottom + 16.0 + slot * (64.0 / pairs);
                    let mut p = vec![Point { x: from_x, y: jr.bottom() }];
                    if i / joc_cols + 1 < joc_rows {
                        let gap_y = jr.bottom() + 12.0 + slot * 4.0;
                        // Its own place in the gutter: by row and Controller.
                        let gutter = jr.right() + 6.0 + ((i / joc_cols) * controllers + k) as f64 * 5.0;
                        p.extend([
                            Point { x: from_x, y: gap_y },
                            Point { x: gutter, y: gap_y },
                            Point { x: gutter, y: lane },
                        ]);
                    } else {
                        p.push(Point { x: from_x, y: lane });
                    }
                    if stacked && k == 1 {
                        let side = cr.x - 16.0 - i as f64 * 6.0;
                        let y = cr.y + cr.h * (i as f64 + 1.0) / (jocs as f64 + 1.0);
                        p.extend([Point { x: side, y: lane }, Point { x: side, y }, Point { x: cr.x, y }]);
                    } else {
                        // A little aside from where lines leave the JOC instances: in a column of
                        // one, a JOC instance and a Controller instance stand at the same x.
                        let to_x = cr.x + cr.w * (i as f64 + 1.0) / (jocs as f64 + 1.0) + 3.0;
                        p.extend([Point { x: to_x, y: lane }, Point { x: to_x, y: cr.y }]);
                    }
                    p
                })
                .collect()
        })
        .collect();
    let cluster_links = match cluster {
        Some(b) if stacked => {
            let x = b.centre_x();
            vec![
                vec![Point { x, y: ctl_rects[0].bottom() }, Point { x, y: b.y }],
                vec![Point { x, y: b.bottom() }, Point { x, y: ctl_rects[1].y }],
            ]
        }
        Some(b) => {
            let y = b.y + b.h / 2.0;
            vec![
                vec![Point { x: ctl_rects[0].right(), y }, Point { x: b.x, y }],
                vec![Point { x: b.right(), y }, Point { x: ctl_rects[1].x, y }],
            ]
        }
        None => vec![],
    };
    // Active Controller → Agent a: down to a bus over the Agents, along it, down into the
    // Agent; to a lower row by the gutter left of its column, into the Agent's side. The upper
    // of two Controllers in a column leaves by its right side.
    let agent_links = match active.and_then(|a| ctl_rects.get(a).map(|r| (a, r))) {
        Some((k, cr)) => {
            let bus = agent_y - 28.0;
            agent_rects
                .iter()
                .enumerate()
                .map(|(a, ar)| {
                    let r = a / agent_cols;
                    let stop = bus + r as f64 * 6.0;
                    let mut p = if stacked && k == 0 {
                        let lane = cr.right() + 24.0;
                        let y = cr.y + cr.h / 2.0;
                        vec![Point { x: cr.right(), y }, Point { x: lane, y }, Point { x: lane, y: stop }]
                    } else {
                        vec![Point { x: cr.centre_x(), y: cr.bottom() }, Point { x: cr.centre_x(), y: stop }]
                    };
                    if r == 0 {
                        p.extend([Point { x: ar.centre_x(), y: stop }, Point { x: ar.centre_x(), y: ar.y }]);
                    } else {
                        let gutter = ar.x - 2.0 - (r - 1) as f64 * 3.0;
                        let y = ar.y + ar.h / 2.0;
                        p.extend([Point { x: gutter, y: stop }, Point { x: gutter, y }, Point { x: ar.x, y }]);
                    }
                    p
                })
                .collect()
        }
        None => vec![],
    };
    let height = agent_rects.iter().map(Rect::bottom).fold(controllers_bottom, f64::max) + MARGIN;
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
mod tests;
