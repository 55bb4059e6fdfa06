//! Reading a body block without buffering it, so that every error keeps its position in the text
//! (see `position.rs`). Same contract and messages as serde's derive for an internally tagged enum
//! with `deny_unknown_fields`.

use crate::issue::Block;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Paragraph,
    Heading,
    Image,
}

const TEXT_FIELDS: &[&str] = &["text"];
const IMAGE_FIELDS: &[&str] = &["src", "width", "height", "caption"];

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BlockVisitor)
    }
}

struct BlockVisitor;

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("internally tagged enum Block")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        let mut kind = None;
        let (mut text, mut src, mut width, mut height, mut caption) = (None, None, None, None, None);
        // Which fields belong depends on the type, which may come last: judged after the object.
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            match key.as_str() {
                "type" => kind = Some(map.next_value::<Kind>()?),
                "text" => text = Some(map.next_value::<String>()?),
                "src" => src = Some(map.next_value::<String>()?),
                "width" => width = map.next_value::<Option<u32>>()?,
                "height" => height = map.next_value::<Option<u32>>()?,
                "caption" => caption = map.next_value::<Option<String>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            seen.push(key);
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let allowed = match kind {
            Kind::Paragraph | Kind::Heading => TEXT_FIELDS,
            Kind::Image => IMAGE_FIELDS,
        };
        if let Some(extra) = seen.iter().find(|k| *k != "type" && !allowed.contains(&k.as_str())) {
            return Err(de::Error::unknown_field(extra, allowed));
        }
        Ok(match kind {
            Kind::Paragraph => Block::Paragraph { text: text.ok_or_else(|| de::Error::missing_field("text"))? },
            Kind::Heading => Block::Heading { text: text.ok_or_else(|| de::Error::missing_field("text"))? },
            Kind::Image => {
                Block::Image { src: src.ok_or_else(|| de::Error::missing_field("src"))?, width, height, caption }
            }
        })
    }
}
