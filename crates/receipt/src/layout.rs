//! The receipt's page: the sections of the ЕПД form in their order, as genpdf elements.

use domkom_domain::payment_qr::{self, Payee, Payment};
use domkom_values::{ru, Money, Quantity};
use genpdf::elements::{Break, FrameCellDecorator, LinearLayout, Paragraph, TableLayout};
use genpdf::style::Style;
use genpdf::{Alignment, Element, Margins};

use crate::model::{MoneyDue, Receipt};
use crate::qr::Qr;
use crate::Error;

/// The smaller type of the tables.
const TABLE_SIZE: u8 = 7;

/// One receipt, top to bottom.
pub fn receipt(r: &Receipt) -> Result<LinearLayout, Error> {
    let mut page = LinearLayout::vertical();
    page.push(title(r));
    page.push(Break::new(0.5));
    page.push(parties(r)?);
    page.push(Break::new(0.5));
    page.push(payment(r)?);
    page.push(Break::new(0.5));
    page.push(heading(
        "3. Расчёт размера платы за жилищно-коммунальные услуги",
    ));
    page.push(calculation(r)?);
    if !r.house_meters.is_empty() {
        page.push(Break::new(0.5));
        page.push(heading(
            "4. Справочная информация: показания общедомовых приборов учёта",
        ));
        page.push(house_meters(r)?);
    }
    if !r.corrections.is_empty() {
        page.push(Break::new(0.5));
        page.push(heading("6. Перерасчёты"));
        page.push(corrections(r)?);
    }
    page.push(Break::new(1.0));
    page.push(link_code(r));
    Ok(page)
}

fn title(r: &Receipt) -> impl Element {
    let mut title = LinearLayout::vertical();
    title.push(
        Paragraph::new("ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ")
            .aligned(Alignment::Center)
            .styled(Style::new().bold().with_font_size(12)),
    );
    title.push(
        Paragraph::new(format!(
            "для внесения платы за жилищно-коммунальные услуги за {}",
            ru::period(r.period)
        ))
        .aligned(Alignment::Center),
    );
    title
}

fn heading(text: &str) -> impl Element {
    Paragraph::new(text)
        .styled(Style::new().bold())
        .padded(Margins::trbl(0, 0, 1, 0))
}

/// Section 1: the payer on the left, the executor on the right.
fn parties(r: &Receipt) -> Result<impl Element, Error> {
    let (p, e) = (&r.payer, &r.executor);
    let payer = [
        ("Плательщик", p.holder.clone()),
        ("Адрес", p.address.clone()),
        ("Лицевой счёт", p.account_number.clone()),
        ("Площадь", ru::area(p.area)),
        ("Зарегистрировано", format!("{} чел.", p.persons)),
    ];
    let executor = [
        ("Исполнитель", e.name.clone()),
        ("ИНН / КПП", format!("{} / {}", e.inn, e.kpp)),
        ("Адрес", e.address.clone()),
        ("Телефон", e.phone.clone()),
        ("Эл. почта", e.email.clone()),
        ("Сайт", e.site.clone()),
        ("Режим работы", e.hours.clone()),
    ];
    let mut table = TableLayout::new(vec![1, 1]);
    table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    table
        .row()
        .element(pairs("1. Сведения о плательщике", &payer))
        .element(pairs("Сведения об исполнителе услуг", &executor))
        .push()?;
    Ok(table)
}

/// A titled list of «label: value» lines.
fn pairs(title: &str, rows: &[(&str, String)]) -> impl Element {
    let mut list = LinearLayout::vertical();
    list.push(Paragraph::new(title).styled(Style::new().bold()));
    for (label, value) in rows.iter().filter(|(_, v)| !v.trim().is_empty()) {
        list.push(Paragraph::new(format!("{label}: ")).string(value.as_str()));
    }
    list.padded(Margins::all(1))
}

/// Section 2: the payee's details, the period's money and the QR code beside them.
fn payment(r: &Receipt) -> Result<impl Element, Error> {
    let (e, m) = (&r.executor, &r.money);
    let mut details = LinearLayout::vertical();
    details.push(
        Paragraph::new("2. Информация для внесения платы получателю платежа")
            .styled(Style::new().bold()),
    );
    for line in [
        format!("Получатель: {}, ИНН {}, КПП {}", e.name, e.inn, e.kpp),
        format!("Р/с {} в {}", e.bank.account, e.bank.name),
        format!("БИК {}, к/с {}", e.bank.bic, e.bank.corr_account),
        format!("Лицевой счёт: {}", r.payer.account_number),
    ] {
        details.push(Paragraph::new(line));
    }
    details.push(Break::new(0.3));
    details.push(money(m)?);
    let mut table = TableLayout::new(vec![3, 1]);
    table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    table
        .row()
        .element(details.padded(Margins::all(1)))
        .element(qr(r).padded(Margins::all(1)))
        .push()?;
    Ok(table)
}

/// The period's money, with «Итого к оплате» and the due date in bold.
fn money(m: &MoneyDue) -> Result<impl Element, Error> {
    let opening = if m.opening.is_negative() {
        ("Аванс на начало периода", -m.opening)
    } else {
        ("Задолженность на начало периода", m.opening)
    };
    let paid = match m.last_paid_on {
        Some(day) => format!("Оплачено (последний платёж {})", ru::date(day)),
        None => "Оплачено".to_owned(),
    };
    let mut rows = vec![
        (opening.0.to_owned(), ru::money(opening.1)),
        ("Начислено за период".to_owned(), ru::money(m.charged)),
        ("Перерасчёты".to_owned(), ru::money(m.recalculated)),
        ("Пени".to_owned(), ru::money(m.penalties)),
        (paid, ru::money(m.paid)),
    ];
    if m.closing.is_negative() {
        rows.push(("Аванс на конец периода".to_owned(), ru::money(-m.closing)));
    }
    let mut table = TableLayout::new(vec![3, 1]);
    for (label, value) in rows {
        table
            .row()
            .element(Paragraph::new(label))
            .element(Paragraph::new(value).aligned(Alignment::Right))
            .push()?;
    }
    let bold = Style::new().bold();
    table
        .row()
        .element(Paragraph::new("Итого к оплате").styled(bold))
        .element(
            Paragraph::new(ru::money(m.due()))
                .aligned(Alignment::Right)
                .styled(bold),
        )
        .push()?;
    table
        .row()
        .element(Paragraph::new("Оплатить до").styled(bold))
        .element(
            Paragraph::new(ru::date(m.due_date))
                .aligned(Alignment::Right)
                .styled(bold),
        )
        .push()?;
    Ok(table)
}

/// The QR code, or why there is none.
fn qr(r: &Receipt) -> LinearLayout {
    let (e, p) = (&r.executor, &r.payer);
    let payee = Payee {
        name: &e.name,
        account: &e.bank.account,
        bank_name: &e.bank.name,
        bic: &e.bank.bic,
        corr_account: &e.bank.corr_account,
        inn: &e.inn,
        kpp: &e.kpp,
    };
    let purpose = format!(
        "Оплата ЖКУ за {}, л/с {}",
        ru::period(r.period),
        p.account_number
    );
    let payment = Payment {
        account_number: &p.account_number,
        holder: &p.holder,
        address: &p.address,
        period: r.period,
        due: r.money.due(),
        purpose: &purpose,
    };
    let small = Style::new().with_font_size(TABLE_SIZE);
    let mut cell = LinearLayout::vertical();
    match payment_qr::payload(&payee, &payment).map(|text| Qr::new(&text)) {
        Ok(Some(code)) => {
            cell.push(code);
            cell.push(Paragraph::new("Оплата по QR-коду").styled(small));
        }
        Ok(None) => {
            cell.push(Paragraph::new("QR-код для оплаты не помещает реквизиты.").styled(small))
        }
        Err(why) => cell.push(
            Paragraph::new(format!("QR-код для оплаты не сформирован: {why}.")).styled(small),
        ),
    }
    cell
}

/// Section 3: one row a service, then the penalties and the totals.
fn calculation(r: &Receipt) -> Result<impl Element, Error> {
    let mut table = Grid::new(&[
        ("Вид услуги", 5, false),
        ("Ед. изм.", 2, true),
        ("Объём инд.", 2, true),
        ("Объём ОДН", 2, true),
        ("Тариф", 2, true),
        ("Начислено", 2, true),
        ("Перерасчёт", 2, true),
        ("Итого", 2, true),
    ])?;
    for l in &r.lines {
        table.row(
            &[
                l.service.clone(),
                l.unit.clone(),
                volume(l.volume),
                volume(l.common_volume),
                ru::tariff(l.tariff),
                ru::money(l.charged),
                ru::money(l.recalculated),
                ru::money(l.total),
            ],
            false,
        )?;
    }
    // The period's own sums, as the close stored them (the charges page's totals).
    let m = &r.money;
    if !m.penalties.is_zero() {
        table.sums("Пени", m.penalties, None, m.penalties, false)?;
    }
    let charged = m.charged + m.penalties;
    let total = charged + m.recalculated;
    table.sums(
        "Всего за период",
        charged,
        Some(m.recalculated),
        total,
        true,
    )?;
    Ok(table.done())
}

/// A volume, or a dash where the line has none.
fn volume(q: Quantity) -> String {
    if q.thousandths() == 0 {
        "—".to_owned()
    } else {
        ru::volume(q)
    }
}

/// Section 4: the house meters.
fn house_meters(r: &Receipt) -> Result<impl Element, Error> {
    let mut table = Grid::new(&[
        ("Услуга", 5, false),
        ("Прибор учёта", 3, true),
        ("Показание", 3, true),
        ("Объём за период", 3, true),
    ])?;
    for m in &r.house_meters {
        table.row(
            &[
                m.service.clone(),
                ru::number(&m.serial),
                readings(&m.readings),
                ru::volume_in(m.volume, &m.unit),
            ],
            false,
        )?;
    }
    Ok(table.done())
}

/// A meter's readings, zone by zone.
fn readings(values: &[Quantity]) -> String {
    match values {
        [] => "—".to_owned(),
        _ => values
            .iter()
            .map(|&v| ru::volume(v))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// Section 6: recalculations with their reasons.
fn corrections(r: &Receipt) -> Result<impl Element, Error> {
    let mut table = Grid::new(&[
        ("Услуга", 4, false),
        ("За период", 2, true),
        ("Сумма", 2, true),
        ("Основание", 7, false),
    ])?;
    for c in &r.corrections {
        table.row(
            &[
                c.service.clone(),
                ru::period(c.corrects_period),
                ru::money(c.amount),
                c.reason.clone(),
            ],
            false,
        )?;
    }
    Ok(table.done())
}

/// A framed table with a bold header row; text columns align left, numbers right.
struct Grid {
    table: TableLayout,
    align: Vec<Alignment>,
}

/// A column: its header, its width weight, whether it holds numbers.
type Column = (&'static str, usize, bool);

impl Grid {
    fn new(columns: &[Column]) -> Result<Grid, Error> {
        let mut table = TableLayout::new(columns.iter().map(|c| c.1).collect());
        table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
        let align = columns
            .iter()
            .map(|c| {
                if c.2 {
                    Alignment::Right
                } else {
                    Alignment::Left
                }
            })
            .collect();
        let mut grid = Grid { table, align };
        let header: Vec<String> = columns.iter().map(|c| c.0.to_owned()).collect();
        grid.row(&header, true)?;
        Ok(grid)
    }

    fn row(&mut self, cells: &[String], bold: bool) -> Result<(), Error> {
        let style = if bold {
            Style::new().bold()
        } else {
            Style::new()
        };
        let mut row = self.table.row();
        for (text, &align) in cells.iter().zip(&self.align) {
            row.push_element(
                Paragraph::new(text.as_str())
                    .aligned(align)
                    .styled(style)
                    .padded(Margins::trbl(0.5, 1, 0.5, 1)),
            );
        }
        row.push()?;
        Ok(())
    }

    /// A row of the calculation with money only: charged, recalculated (if it has a
    /// column), total.
    fn sums(
        &mut self,
        label: &str,
        charged: Money,
        recalculated: Option<Money>,
        total: Money,
        bold: bool,
    ) -> Result<(), Error> {
        let blank = String::new;
        let cells = [
            label.to_owned(),
            blank(),
            blank(),
            blank(),
            blank(),
            ru::money(charged),
            recalculated.map_or_else(blank, ru::money),
            ru::money(total),
        ];
        self.row(&cells, bold)
    }

    fn done(self) -> impl Element {
        self.table.styled(Style::new().with_font_size(TABLE_SIZE))
    }
}

fn link_code(r: &Receipt) -> impl Element {
    let site = if r.site.is_empty() {
        String::new()
    } else {
        format!(" на {}", r.site)
    };
    Paragraph::new(format!("Код для подключения к личному кабинету{site}: "))
        .styled_string(r.link_code.as_str(), Style::new().bold())
}
