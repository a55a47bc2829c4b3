//! The JOC client against wiremock: every way JOC (or the network) can answer becomes its own
//! typed error, with JOC's code and message kept.

use js7_status::joc::{Joc, JocClient, JocError, JocSession};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn session() -> JocSession {
    JocSession { token: "t".repeat(32), timeout: None, account: "root".into() }
}

fn client(base: &str) -> JocClient {
    JocClient::new(crate::common::http(), base, Duration::from_millis(500))
}

async fn answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/joc/api/controller/components"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// One row per answer: what JOC sends, the error the client makes of it.
#[tokio::test]
async fn every_answer_class_becomes_its_error() {
    let err420 = |code: &str, msg: &str| json!({"deliveryDate": "2026-01-01T00:00:00Z", "error": {"code": code, "message": msg}});
    let table = [
        (401, json!({"isAuthenticated": false, "message": "Access denied"}), JocError::Unauthenticated),
        (403, json!({"isAuthenticated": true, "isPermitted": false}), JocError::Forbidden),
        (440, json!({"message": "SessionNotExistException"}), JocError::SessionExpired),
        (
            420,
            err420("JOC-300", "missing comment"),
            JocError::Refused { code: "JOC-300".into(), message: "missing comment".into() },
        ),
        (420, err420("JOC-401", "UnknownSessionException: gone"), JocError::SessionExpired),
        (433, json!({}), JocError::ApprovalRequired),
        (434, json!({}), JocError::ControllerUnreachable),
        (502, json!({}), JocError::Status(502)),
    ];
    for (status, body, expected) in table {
        let server = answering(status, body).await;
        let got = client(&server.uri()).components(&session(), "controller").await.unwrap_err();
        assert_eq!(got, expected, "HTTP {status}");
    }
}

#[tokio::test]
async fn malformed_slow_and_absent_joc_are_told_apart() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/joc/api/controller/components"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"deliveryDate\": \"x\", \"jocs\": [tru"))
        .mount(&server)
        .await;
    let err = client(&server.uri()).components(&session(), "controller").await.unwrap_err();
    assert!(matches!(err, JocError::Malformed(_)), "{err:?}");

    let slow = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)).set_body_json(json!({})))
        .mount(&slow)
        .await;
    assert_eq!(client(&slow.uri()).components(&session(), "controller").await.unwrap_err(), JocError::Timeout);

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let err = client(&format!("http://{addr}")).components(&session(), "controller").await.unwrap_err();
    assert!(matches!(err, JocError::Connect(_)), "{err:?}");
    assert!(err.is_transport() && !err.needs_login());
}

/// Login sends Basic credentials and takes the token from `X-Access-Token`, the idle timeout
/// from `sessionTimeout` (milliseconds); every later call carries the token.
#[tokio::test]
async fn login_and_token_travel_as_joc_expects() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/joc/api/authentication/login"))
        .and(header("authorization", "Basic cm9vdDpyb290"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-access-token", "abcdefghijklmnopqrstuvwxyz012345")
                .set_body_json(json!({"isAuthenticated": true, "sessionTimeout": 1_800_000, "accessToken": "abcdefghijklmnopqrstuvwxyz012345"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/joc/api/touch"))
        .and(header("x-access-token", "abcdefghijklmnopqrstuvwxyz012345"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"deliveryDate": "2026-01-01T00:00:00Z", "ok": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server.uri());
    let s = c.login("root", "root").await.unwrap();
    assert_eq!(s.timeout, Some(Duration::from_secs(1800)));
    assert!(!format!("{s:?}").contains("abcdef"), "the token never shows in logs");
    c.touch(&s).await.unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Logs: JOC gzips `joc/log` answers whatever was accepted, refusals too: a gzip-encoded 420
/// keeps JOC's code, and a gzip-encoded JSON answer reads as JSON.
#[tokio::test]
async fn gzip_encoded_answers_are_read_once() {
    let server = MockServer::start().await;
    let refusal =
        json!({"deliveryDate": "2026-01-01T00:00:00Z", "error": {"code": "JOC-400", "message": "no such file"}});
    Mock::given(method("POST"))
        .and(path("/joc/api/joc/log"))
        .respond_with(
            ResponseTemplate::new(420)
                .insert_header("content-encoding", "gzip")
                .insert_header("content-type", "application/json")
                .set_body_bytes(gzip(refusal.to_string().as_bytes())),
        )
        .mount(&server)
        .await;
    let ids = json!({"deliveryDate": "2026-01-01T00:00:00Z", "controllerIds": ["a"], "selected": "a"});
    Mock::given(method("POST"))
        .and(path("/joc/api/controller/ids"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .set_body_bytes(gzip(ids.to_string().as_bytes())),
        )
        .mount(&server)
        .await;
    let c = client(&server.uri());
    let err = c.download(&session(), "joc/log", &json!({})).await.unwrap_err();
    assert_eq!(err, JocError::Refused { code: "JOC-400".into(), message: "no such file".into() });
    assert_eq!(c.controller_ids(&session()).await.unwrap().selected.as_deref(), Some("a"));
}

/// Decoding: an answer with JOC's omissions (no `selected`, no `surveyDate`, no event id)
/// reads, and the feed learns what is missing instead of failing.
#[tokio::test]
async fn answers_with_jocs_omissions_decode() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/joc/api/controller/ids"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"deliveryDate": "d", "controllerIds": []})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/joc/api/events"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"eventId": 5, "eventSnapshots": [], "deliveryDate": "d"})),
        )
        .mount(&server)
        .await;
    let c = client(&server.uri());
    assert_eq!(c.controller_ids(&session()).await.unwrap().selected, None);
    let e = c.events(&session(), "controller", None, Duration::from_secs(1)).await.unwrap();
    assert_eq!((e.event_id, e.survey_date), (Some(5), None));
}

/// A redirect is not followed: the access token never travels to another host.
#[tokio::test]
async fn redirects_are_not_followed_with_the_token() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&elsewhere)
        .await;
    let joc = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/joc/api/controller/components", elsewhere.uri())),
        )
        .mount(&joc)
        .await;
    let http = js7_status::joc::client::http_client(None, false).unwrap();
    let c = JocClient::new(http, &joc.uri(), Duration::from_millis(500));
    let err = c.components(&session(), "controller").await.unwrap_err();
    assert_eq!(err, JocError::Status(307));
    assert!(elsewhere.received_requests().await.unwrap().is_empty(), "nothing reached the other host");
}
