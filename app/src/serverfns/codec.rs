//! JSON as each side reads it best: serde_json on the server; in the browser, the browser's own
//! `JSON.parse` and `JSON.stringify`, their values walked by serde-wasm-bindgen, so that the
//! wasm bundle carries no JSON parser. The bytes on the wire are the same JSON either way.
//!
//! Used by the live feed's events, the server functions' arguments and answers
//! ([`BrowserJson`]), `AppError`'s encoding and the page's `current_user` resource
//! ([`BrowserJsonCodec`]).

use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType, codec::Post};
use serde::{Serialize, de::DeserializeOwned};

/// The text of `value` as JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    #[cfg(feature = "hydrate")]
    {
        // `json_compatible`: maps as plain objects and `None` as `null`, as serde_json writes them.
        let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| e.to_string())?;
        let text = js_sys::JSON::stringify(&js).map_err(|e| format!("{e:?}"))?;
        Ok(text.into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}

/// The value a JSON text holds.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(feature = "hydrate")]
    {
        // Everything the browser reads was written by our server from these same types, so the
        // lenient reading of JOC's answers is off here (`model::joc::lenient`).
        let js = js_sys::JSON::parse(text).map_err(|e| format!("{e:?}"))?;
        serde_wasm_bindgen::from_value(js).map_err(|e| e.to_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// A server function's arguments or answer as JSON in the body of a POST.
pub type BrowserJson = Post<BrowserJsonEncoding>;

/// The encoding of [`BrowserJson`] (and of `AppError`).
pub struct BrowserJsonEncoding;

impl ContentType for BrowserJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for BrowserJsonEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for BrowserJsonEncoding {
    type Error = String;

    fn encode(value: &T) -> Result<Bytes, String> {
        to_json(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for BrowserJsonEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, String> {
        from_json(std::str::from_utf8(&bytes).map_err(|e| e.to_string())?)
    }
}

/// A resource's value as JSON, from the server's rendering to the browser's hydration.
pub struct BrowserJsonCodec;

impl<T: Serialize> leptos::server::codee::Encoder<T> for BrowserJsonCodec {
    type Error = String;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, String> {
        to_json(value)
    }
}

impl<T: DeserializeOwned> leptos::server::codee::Decoder<T> for BrowserJsonCodec {
    type Error = String;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, String> {
        from_json(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serverfns::{AppError, ErrorCode};

    /// On the server the encoding is serde_json's: what the browser sends and reads is JSON.
    #[test]
    fn the_encoding_is_plain_json() {
        let e = AppError::new(ErrorCode::Busy, "busy");
        let bytes = <BrowserJsonEncoding as Encodes<AppError>>::encode(&e).unwrap();
        assert_eq!(&bytes[..], serde_json::to_vec(&e).unwrap().as_slice());
        let back: AppError = <BrowserJsonEncoding as Decodes<AppError>>::decode(bytes).unwrap();
        assert_eq!(back, e);
        let text = <BrowserJsonCodec as leptos::server::codee::Encoder<Option<u8>>>::encode(&None).unwrap();
        assert_eq!(text, "null");
        assert!(from_json::<AppError>("{").is_err());
    }
}
