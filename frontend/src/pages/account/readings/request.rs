//! The readings request from what the form's inputs hold, and the API's answer about it
//! put back at those inputs.

use crate::components::form::CHECK_FIELDS;
use crate::format;
use domkom_dto::{FieldError, NewReading, SubmitReadings};
use domkom_values::MeterId;

/// A zone of a meter: what one value input (and its rollover box) is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct MeterZone {
    pub meter_id: MeterId,
    pub zone: i32,
}

impl MeterZone {
    /// The value's input, also where the API's errors about it are shown.
    pub fn value_field(self) -> String {
        format!("reading-{}-{}", self.meter_id, self.zone)
    }

    pub fn rolled_field(self) -> String {
        format!("rolled-{}-{}", self.meter_id, self.zone)
    }
}

/// Where errors about a whole meter are shown (verification, zones missing).
pub(super) fn meter_field(meter_id: MeterId) -> String {
    format!("meter-{meter_id}")
}

/// One zone's inputs as they are.
pub(super) struct Typed {
    pub at: MeterZone,
    pub value: String,
    pub rolled_over: bool,
    /// The resident said that an unusually large consumption is right.
    pub confirm: bool,
}

/// The request, and for each reading in it the input it came from (its index among the
/// form's), to put the API's `readings[i]` errors back.
#[derive(Debug, PartialEq)]
pub(super) struct Collected {
    pub request: SubmitReadings,
    pub sent: Vec<usize>,
}

/// Why nothing is sent: the errors at the inputs, and the form's message.
#[derive(Debug, PartialEq)]
pub(super) struct Refusal {
    pub fields: Vec<FieldError>,
    pub message: &'static str,
}

const BAD_NUMBER: &str = "Введите число, например 123,456 (не больше трёх знаков после запятой)";

/// The readings typed, to be checked (`send` false) or sent. An empty input is a meter
/// not read this time, unless its «перешёл через ноль» is ticked.
pub(super) fn collect(typed: &[Typed], send: bool) -> Result<Collected, Refusal> {
    let mut problems = Vec::new();
    let mut readings = Vec::new();
    let mut sent = Vec::new();
    for (k, t) in typed.iter().enumerate() {
        if t.value.trim().is_empty() {
            if t.rolled_over {
                problems.push(FieldError::new(
                    &t.at.value_field(),
                    "required",
                    "Введите показание",
                ));
            }
            continue;
        }
        match format::parse_volume(&t.value) {
            Some(value) => {
                readings.push(NewReading {
                    meter_id: t.at.meter_id,
                    zone: t.at.zone,
                    value,
                    rolled_over: t.rolled_over,
                    confirm: t.confirm,
                });
                sent.push(k);
            }
            None => problems.push(FieldError::new(&t.at.value_field(), "format", BAD_NUMBER)),
        }
    }
    if !problems.is_empty() {
        return Err(Refusal {
            fields: problems,
            message: CHECK_FIELDS,
        });
    }
    if readings.is_empty() {
        return Err(Refusal {
            fields: Vec::new(),
            message: "Введите показания хотя бы одного счётчика.",
        });
    }
    let request = SubmitReadings {
        readings,
        preview: !send,
    };
    Ok(Collected { request, sent })
}

/// The API's `readings[3].value` → (3, "value").
fn reading_index(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("readings[")?;
    let (index, name) = rest.split_once("].")?;
    Some((index.parse().ok()?, name))
}

/// The readings a `confirm_required` names, as (input, message).
pub(super) fn jumps(errors: &[FieldError], sent: &[usize]) -> Vec<(usize, String)> {
    errors
        .iter()
        .filter_map(|fe| {
            let (i, _) = reading_index(&fe.field)?;
            Some((*sent.get(i)?, fe.message.clone()))
        })
        .collect()
}

/// The API's errors about `readings[i]` put at the input's fields (the meter's own at its
/// card), with the form's message; an error about the whole list is the message itself.
pub(super) fn place(
    errors: &[FieldError],
    zones: &[MeterZone],
    sent: &[usize],
) -> (Vec<FieldError>, String) {
    let mut placed = Vec::new();
    let mut loose = Vec::new();
    for fe in errors {
        let zone =
            reading_index(&fe.field).and_then(|(i, name)| Some((zones.get(*sent.get(i)?)?, name)));
        let field = match zone {
            Some((zone, "value" | "zone")) => zone.value_field(),
            Some((zone, "rolled_over")) => zone.rolled_field(),
            Some((zone, _)) => meter_field(zone.meter_id),
            None => {
                loose.push(fe.message.clone());
                continue;
            }
        };
        // One message per place: the first is the one to fix first.
        if !placed.iter().any(|p: &FieldError| p.field == field) {
            placed.push(FieldError::new(&field, &fe.code, fe.message.clone()));
        }
    }
    let message = if loose.is_empty() {
        CHECK_FIELDS.to_owned()
    } else {
        loose.join(" ")
    };
    (placed, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domkom_values::Quantity;

    fn typed(meter_id: MeterId, zone: i32, value: &str, rolled_over: bool) -> Typed {
        Typed {
            at: MeterZone { meter_id, zone },
            value: value.into(),
            rolled_over,
            confirm: false,
        }
    }

    fn refused(fields: &[(&str, &str, &str)], message: &'static str) -> Result<Collected, Refusal> {
        Err(Refusal {
            fields: fields
                .iter()
                .map(|(field, code, text)| FieldError::new(field, code, *text))
                .collect(),
            message,
        })
    }

    #[test]
    fn the_apis_reading_fields() {
        assert_eq!(reading_index("readings[3].value"), Some((3, "value")));
        assert_eq!(
            reading_index("readings[12].rolled_over"),
            Some((12, "rolled_over"))
        );
        assert_eq!(reading_index("readings"), None);
        assert_eq!(reading_index("readings[x].value"), None);
    }

    #[test]
    fn the_typed_values_are_the_request_and_empty_inputs_are_left_out() {
        let mut zone_two = typed(MeterId(8), 2, "12.5", true);
        zone_two.confirm = true;
        let form = [
            typed(MeterId(7), 1, " 1 234,567 ", false),
            typed(MeterId(8), 1, "", false),
            zone_two,
        ];
        assert_eq!(
            collect(&form, false),
            Ok(Collected {
                request: SubmitReadings {
                    readings: vec![
                        NewReading {
                            meter_id: MeterId(7),
                            zone: 1,
                            value: Quantity::from_thousandths(1_234_567),
                            rolled_over: false,
                            confirm: false,
                        },
                        NewReading {
                            meter_id: MeterId(8),
                            zone: 2,
                            value: Quantity::from_thousandths(12_500),
                            rolled_over: true,
                            confirm: true,
                        },
                    ],
                    preview: true,
                },
                sent: vec![0, 2],
            })
        );
        assert!(!collect(&form, true).unwrap().request.preview);
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        assert_eq!(
            collect(&[typed(MeterId(7), 1, "12,3456", false)], true),
            refused(&[("reading-7-1", "format", BAD_NUMBER)], CHECK_FIELDS)
        );
        assert_eq!(
            collect(
                &[
                    typed(MeterId(7), 1, "-5", false),
                    typed(MeterId(7), 2, "abc", false)
                ],
                true
            ),
            refused(
                &[
                    ("reading-7-1", "format", BAD_NUMBER),
                    ("reading-7-2", "format", BAD_NUMBER)
                ],
                CHECK_FIELDS
            )
        );
        // A rollover without the value it rolled over to.
        assert_eq!(
            collect(
                &[
                    typed(MeterId(7), 1, " ", true),
                    typed(MeterId(8), 1, "5", false)
                ],
                true
            ),
            refused(
                &[("reading-7-1", "required", "Введите показание")],
                CHECK_FIELDS
            )
        );
        assert_eq!(
            collect(&[typed(MeterId(7), 1, "", false)], false),
            refused(&[], "Введите показания хотя бы одного счётчика.")
        );
    }

    #[test]
    fn the_apis_errors_go_to_the_inputs_they_are_about() {
        let zones = [
            MeterZone {
                meter_id: MeterId(7),
                zone: 1,
            },
            MeterZone {
                meter_id: MeterId(8),
                zone: 1,
            },
        ];
        // Only the second input was sent: the API's `readings[0]` is that one.
        let sent = [1];
        let api = |field: &str, code: &str, message: &str| FieldError::new(field, code, message);
        let (placed, message) = place(
            &[
                api("readings[0].value", "decreased", "Меньше предыдущего"),
                api("readings[0].zone", "zone", "Нет такой зоны"),
                api("readings[0].meter_id", "expired", "Поверка истекла"),
                api("readings[0].rolled_over", "rolled", "Не переходил"),
            ],
            &zones,
            &sent,
        );
        assert_eq!(
            placed,
            [
                api("reading-8-1", "decreased", "Меньше предыдущего"),
                api("meter-8", "expired", "Поверка истекла"),
                api("rolled-8-1", "rolled", "Не переходил"),
            ]
        );
        assert_eq!(message, CHECK_FIELDS);
        let (placed, message) = place(
            &[api("readings", "duplicate", "Счётчик указан дважды.")],
            &zones,
            &sent,
        );
        assert!(placed.is_empty());
        assert_eq!(message, "Счётчик указан дважды.");
        assert_eq!(
            jumps(&[api("readings[0].value", "jump", "Расход велик")], &sent),
            [(1, "Расход велик".to_owned())]
        );
    }
}
