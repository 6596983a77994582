//! Which tariff a meter's zone is billed at. The tariff itself is a value type
//! ([`Tariff`]), re-exported here.

pub use domkom_values::tariff::Tariff;

/// The tariff of one zone of a meter: on a multi-zone meter of a service with zone tariffs
/// the zone's own (`None` when the service has none for that zone), else the service's
/// single tariff.
pub fn zone_tariff(
    single: Tariff,
    zone_tariffs: &[Tariff],
    multi_zone: bool,
    zone: u8,
) -> Option<Tariff> {
    if multi_zone && !zone_tariffs.is_empty() {
        zone_tariffs.get(usize::from(zone).wrapping_sub(1)).copied()
    } else {
        Some(single)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_takes_its_own_tariff_on_a_multi_zone_meter_only() {
        let t = Tariff::from_hundredths_of_kopeck;
        let (single, zones) = (t(500_000), [t(600_000), t(200_000)]);
        assert_eq!(zone_tariff(single, &zones, true, 2), Some(t(200_000)));
        assert_eq!(
            zone_tariff(single, &zones, true, 3),
            None,
            "no night-2 tariff"
        );
        assert_eq!(zone_tariff(single, &zones, false, 1), Some(single));
        assert_eq!(zone_tariff(single, &[], true, 2), Some(single));
    }
}
