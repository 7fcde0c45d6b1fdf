//! Worked examples for a score cell's value: typed, refused and kept.

use super::*;

#[test]
fn a_value_is_checked_against_the_points_and_names_the_value_kept() {
    let points = Points::whole(6);
    assert_eq!(check(" 5.5 ", None, points), Ok(Some(Points(550))));
    assert_eq!(check("6", None, points), Ok(Some(Points::whole(6))));
    assert_eq!(check("  ", Some(Points(550)), points), Ok(None));
    assert_eq!(
        check("9", Some(Points(550)), points),
        Err("该项分值 6 分，不能填 9；已保留原值 5.5".to_owned())
    );
    assert_eq!(
        check("9", None, points),
        Err("该项分值 6 分，不能填 9；已保留原值（空）".to_owned())
    );
    assert_eq!(
        check("-1", None, points),
        Err("得分不能为负数；已保留原值（空）".to_owned())
    );
    assert_eq!(
        check("1.234", Some(Points::whole(1)), points),
        Err("得分最多保留两位小数；已保留原值 1".to_owned())
    );
}

#[test]
fn full_width_digits_and_stops_are_read_as_plain_ones() {
    let points = Points::whole(6);
    assert_eq!(check("５", None, points), Ok(Some(Points::whole(5))));
    assert_eq!(check("5。5", None, points), Ok(Some(Points(550))));
    assert_eq!(
        check("\u{3000}４．２５", None, points),
        Ok(Some(Points(425)))
    );
    assert_eq!(
        check("９", None, points),
        Err("该项分值 6 分，不能填 9；已保留原值（空）".to_owned())
    );
    assert_eq!(
        check("－１", None, points),
        Err("得分不能为负数；已保留原值（空）".to_owned())
    );
}
