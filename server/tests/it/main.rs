//! The server's integration tests, linked into one test binary (one link of the whole server
//! instead of one per file): the simulator against the official schemas and the real JOC's
//! shapes, the JOC client, and the whole server over HTTP on port 0.

mod common;

mod bundle;
mod doctor;
mod downloads;
mod garbage;
mod hardening;
mod joc_client;
mod metrics;
mod real_joc_operations;
mod real_joc_shapes;
mod replicas;
mod request_schemas;
mod server_controllers;
mod server_http;
mod server_installations;
mod simulator_api;
mod simulator_controllers;
mod simulator_monitoring;
mod simulator_operations;
mod timeline;
mod upstream_faults;
