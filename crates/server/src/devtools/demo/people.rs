//! Realistic Russian names and the demo users.

use super::Rng;
use crate::db;
use domkom_dto::{Register, Role};
use domkom_values::{OrganizationId, UserId};

pub const RESIDENT_LOGIN: &str = "demo";
pub const RESIDENT_NAME: &str = "Смирнова Анна Сергеевна";

const MALE: &str = "Александр Сергей Дмитрий Андрей Алексей Михаил Иван Николай Владимир Евгений Игорь Олег Павел Виктор Юрий";
const FEMALE: &str =
    "Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Людмила Галина Марина Юлия";
const SURNAMES: &str = "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Захаров";
/// Male patronymics; the female ones end in -на instead of -ич.
const FATHERS: &str = "Александрович Сергеевич Дмитриевич Андреевич Михайлович Иванович Николаевич Владимирович Викторович Петрович";

pub fn full_name(rng: &mut Rng) -> String {
    let words = |list: &'static str| list.split(' ').collect::<Vec<_>>();
    let surname = *rng.pick(&words(SURNAMES));
    let male = *rng.pick(&words(FATHERS));
    if rng.chance(50) {
        format!("{surname} {} {male}", rng.pick(&words(MALE)))
    } else {
        // Александрович → Александровна
        let female = format!("{}на", male.trim_end_matches("ич"));
        format!("{surname}а {} {female}", rng.pick(&words(FEMALE)))
    }
}

pub fn user(
    conn: &mut db::DbConn,
    login: &str,
    full_name: &str,
    role: Role,
    org: Option<OrganizationId>,
    password_hash: &str,
) -> anyhow::Result<UserId> {
    let form = Register {
        login: login.into(),
        email: format!("{login}@demo.domkom.local"),
        full_name: full_name.into(),
        phone: "+7 900 000-00-00".into(),
        // Only the hash is stored; the form's password is not used.
        password: String::new(),
    };
    let id = db::users::create(conn, &form, password_hash, role, org)
        .map_err(|e| anyhow::anyhow!("user {login}: {e}"))?;
    db::users::activate(conn, id)?;
    Ok(id)
}

/// The demo resident, active; linked to one account in each organization by the caller.
pub fn resident(conn: &mut db::DbConn, password_hash: &str) -> anyhow::Result<UserId> {
    db::write_tx(conn, |conn| {
        user(
            conn,
            RESIDENT_LOGIN,
            RESIDENT_NAME,
            Role::Resident,
            None,
            password_hash,
        )
    })
}
