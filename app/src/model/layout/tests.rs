//! The layout's properties over every shape and screen width, and a few fixed cases.

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

/// All lines of the layout.
fn all_lines(l: &Layout) -> Vec<&Vec<Point>> {
    let mut v: Vec<&Vec<Point>> = l.joc_db.iter().collect();
    v.extend(l.joc_controller.iter().flatten());
    v.extend(&l.cluster_links);
    v.extend(&l.agent_links);
    v
}

/// Does the axis-parallel segment a–b pass through the inside of `r`?
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    // The closed segment meets the open inside.
    x0 < r.right() && x1 > r.x && y0 < r.bottom() && y1 > r.y
}

/// Do two axis-parallel segments run on top of each other for some length?
fn overlap(a0: Point, a1: Point, b0: Point, b1: Point) -> bool {
    let span = |p: f64, q: f64, r: f64, s: f64| p.min(q).max(r.min(s)) < p.max(q).min(r.max(s));
    let vertical = |p: Point, q: Point| p.x == q.x && p.y != q.y;
    let horizontal = |p: Point, q: Point| p.y == q.y && p.x != q.x;
    (vertical(a0, a1) && vertical(b0, b1) && a0.x == b0.x && span(a0.y, a1.y, b0.y, b1.y))
        || (horizontal(a0, a1) && horizontal(b0, b1) && a0.y == b0.y && span(a0.x, a1.x, b0.x, b1.x))
}

/// Is `p` on the edge of `r`?
fn on_edge(p: Point, r: &Rect) -> bool {
    let within_x = p.x >= r.x && p.x <= r.right();
    let within_y = p.y >= r.y && p.y <= r.bottom();
    (within_x && (p.y == r.y || p.y == r.bottom())) || (within_y && (p.x == r.x || p.x == r.right()))
}

proptest! {
    /// For every supported size and every screen width: nothing overlaps, everything fits,
    /// the drawing is no wider than the screen (down to its narrowest), every line is made
    /// of horizontal and vertical pieces that pass through no rectangle, and each line
    /// starts and ends on the edges of the rectangles it joins.
    #[test]
    fn nothing_overlaps_at_any_width(
        jocs in 1usize..=4,
        controllers in 1usize..=2,
        subagents in proptest::collection::vec(0usize..=8, 0..=10),
        active in 0usize..2,
        avail in 200.0f64..2600.0,
    ) {
        let agents = subagents.len();
        let l = layout(jocs, controllers, &subagents, Some(active), avail);
        prop_assert!(l.width <= avail.max(MIN_WIDTH) + 1e-9, "{} wider than {}", l.width, avail);
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
        for line in all_lines(&l) {
            for w in line.windows(2) {
                prop_assert!(w[0].x == w[1].x || w[0].y == w[1].y, "a slanted piece {:?}", w);
                prop_assert!(w[0].x >= 0.0 && w[0].x <= l.width && w[0].y >= 0.0 && w[0].y <= l.height);
                for r in &rects {
                    prop_assert!(!crosses(w[0], w[1], r), "{:?} crosses {:?}", w, r);
                }
            }
        }
        for (i, line) in l.joc_db.iter().enumerate() {
            prop_assert!(on_edge(line[0], &l.jocs[i]) && on_edge(*line.last().unwrap(), &l.database));
        }
        // No two lines of the JOC instances run on top of each other: a line must not hide
        // another of another colour.
        let joc_lines: Vec<&Vec<Point>> = l.joc_db.iter().chain(l.joc_controller.iter().flatten()).collect();
        for (a, la) in joc_lines.iter().enumerate() {
            for lb in &joc_lines[a + 1..] {
                for sa in la.windows(2) {
                    for sb in lb.windows(2) {
                        prop_assert!(!overlap(sa[0], sa[1], sb[0], sb[1]), "{:?} on top of {:?}", sa, sb);
                    }
                }
            }
        }
        for (i, per) in l.joc_controller.iter().enumerate() {
            for (k, line) in per.iter().enumerate() {
                prop_assert!(on_edge(line[0], &l.jocs[i]), "{:?} from {:?}", line, l.jocs[i]);
                prop_assert!(on_edge(*line.last().unwrap(), &l.controllers[k]), "{:?} to {:?}", line, l.controllers[k]);
            }
        }
        for (a, line) in l.agent_links.iter().enumerate() {
            prop_assert!(on_edge(line[0], &l.controllers[active]));
            prop_assert!(on_edge(*line.last().unwrap(), &l.agents[a]));
        }
    }
}

#[test]
fn the_crossing_check_sees_crossings_and_edges() {
    let r = Rect { x: 10.0, y: 10.0, w: 10.0, h: 10.0 };
    let p = |x, y| Point { x, y };
    assert!(crosses(p(15.0, 0.0), p(15.0, 30.0), &r), "through");
    assert!(crosses(p(0.0, 15.0), p(12.0, 15.0), &r), "into");
    assert!(!crosses(p(15.0, 0.0), p(15.0, 10.0), &r), "up to the edge");
    assert!(!crosses(p(10.0, 0.0), p(10.0, 30.0), &r), "along the edge");
    assert!(!crosses(p(0.0, 25.0), p(30.0, 25.0), &r), "beside");
    assert!(on_edge(p(10.0, 15.0), &r) && on_edge(p(15.0, 20.0), &r) && !on_edge(p(15.0, 15.0), &r));
    assert!(overlap(p(0.0, 0.0), p(0.0, 10.0), p(0.0, 5.0), p(0.0, 20.0)), "on top of each other");
    assert!(!overlap(p(0.0, 0.0), p(0.0, 10.0), p(0.0, 10.0), p(0.0, 20.0)), "end to end");
    assert!(!overlap(p(0.0, 0.0), p(0.0, 10.0), p(1.0, 0.0), p(1.0, 10.0)), "side by side");
}

#[test]
fn a_tablet_in_portrait_gets_a_drawing_no_wider_than_itself() {
    // The embedded default on a 768 px wide screen (736 px inside the page's margins).
    let l = layout(2, 2, &[0, 0, 0], Some(0), 736.0);
    assert!(l.width <= 736.0, "{}", l.width);
    assert_eq!(l.controllers[0].x, l.controllers[1].x, "the Controller instances in a column");
    let c = l.cluster.unwrap();
    assert!(c.y > l.controllers[0].bottom() && c.bottom() < l.controllers[1].y);
    // A wide screen keeps them side by side, as before.
    let wide = layout(2, 2, &[0, 0, 0], Some(0), 1232.0);
    assert_eq!(wide.controllers[0].y, wide.controllers[1].y);
    // Four JOC instances wrap into two rows of two.
    let four = layout(4, 2, &[], None, 736.0);
    assert_eq!((four.jocs[0].y, four.jocs[2].x), (four.jocs[1].y, four.jocs[0].x));
    assert!(four.jocs[2].y > four.jocs[0].bottom());
}

#[test]
fn an_agent_cluster_box_is_taller_and_its_row_follows() {
    let l = layout(1, 1, &[0, 3, 0, 0, 0, 0], Some(0), 1232.0);
    assert_eq!((l.agents[0].h, l.agents[1].h), (AGENT.1, AGENT_CLUSTER_H));
    assert_eq!(l.agents[5].y, l.agents[0].y + AGENT_CLUSTER_H + AGENT_GAP);
    assert_eq!(l.height, l.agents[5].bottom() + MARGIN);
}

#[test]
fn standalone_has_no_cluster_box() {
    let l = layout(1, 1, &[], Some(0), 1232.0);
    assert!(l.cluster.is_none() && l.cluster_links.is_empty());
    assert_eq!(
        points(&l.joc_db[0][..2]),
        format!("{:.1},{:.1} {:.1},{:.1}", l.joc_db[0][0].x, l.joc_db[0][0].y, l.joc_db[0][1].x, l.joc_db[0][1].y)
    );
}
