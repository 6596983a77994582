// Written by hand for both backends: ids are BigInt everywhere (SQLite's INTEGER PRIMARY KEY
// holds 64-bit values).

diesel::table! {
    users (id) {
        id -> BigInt,
        login -> Text,
        login_key -> Text,
        email -> Text,
        full_name -> Text,
        phone -> Text,
        password_hash -> Text,
        role -> Text,
        is_active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        organization_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    attempt_counters (key) {
        key -> Text,
        window_start -> Timestamp,
        count -> Integer,
    }
}

diesel::table! {
    session_revocations (user_id) {
        user_id -> BigInt,
        revoked_at -> Timestamp,
    }
}

diesel::table! {
    user_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        email -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    organizations (id) {
        id -> BigInt,
        kind -> Text,
        name -> Text,
        inn -> Text,
        kpp -> Text,
        ogrn -> Text,
        address -> Text,
        phone -> Text,
        email -> Text,
        site -> Text,
        hours -> Text,
        bank_account -> Text,
        bank_name -> Text,
        bic -> Text,
        corr_account -> Text,
        reading_day_from -> Integer,
        reading_day_to -> Integer,
        due_day -> Integer,
        penalties_enabled -> Bool,
        created_at -> Timestamp,
        last_closed -> Nullable<Text>,
    }
}

diesel::table! {
    houses (id) {
        id -> BigInt,
        organization_id -> BigInt,
        address -> Text,
        total_area -> BigInt,
        common_area -> BigInt,
        share_cap_at_norm -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    premises (id) {
        id -> BigInt,
        organization_id -> BigInt,
        house_id -> BigInt,
        number -> Text,
        residential -> Bool,
        area -> BigInt,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        organization_id -> BigInt,
        premise_id -> BigInt,
        number -> Text,
        kind -> Text,
        holder -> Text,
        persons -> Integer,
        opening_balance -> BigInt,
        link_code -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    services (id) {
        id -> BigInt,
        organization_id -> BigInt,
        name -> Text,
        unit -> Text,
        supplier_name -> Text,
        supplier_inn -> Text,
        method -> Text,
        resource -> Nullable<Text>,
        source_service_ids -> Text,
        norm_per_person -> BigInt,
        norm_per_m2 -> Nullable<BigInt>,
        sort_order -> Integer,
    }
}

diesel::table! {
    account_services (account_id, service_id) {
        account_id -> BigInt,
        service_id -> BigInt,
        organization_id -> BigInt,
    }
}

diesel::table! {
    tariffs (id) {
        id -> BigInt,
        organization_id -> BigInt,
        service_id -> BigInt,
        valid_from -> Date,
        zone -> Integer,
        price -> BigInt,
    }
}

diesel::table! {
    meters (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> Nullable<BigInt>,
        house_id -> BigInt,
        service_id -> BigInt,
        serial -> Text,
        zones -> Integer,
        digits -> Integer,
        installed_on -> Date,
        verification_due -> Date,
        initial_values -> Text,
    }
}

diesel::table! {
    readings (id) {
        id -> BigInt,
        organization_id -> BigInt,
        meter_id -> BigInt,
        period -> Text,
        zone -> Integer,
        value -> BigInt,
        rolled_over -> Bool,
        source -> Text,
        submitted_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        taken_on -> Date,
    }
}

diesel::table! {
    periods (id) {
        id -> BigInt,
        organization_id -> BigInt,
        period -> Text,
        status -> Text,
        accounts_total -> Integer,
        accounts_done -> Integer,
        error -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        closed_by -> Nullable<BigInt>,
        ends_on -> Date,
        services -> Nullable<Text>,
        penalty_rate_bp -> Nullable<Integer>,
        notes -> Text,
    }
}

diesel::table! {
    charges (account_id, period) {
        account_id -> BigInt,
        period -> Text,
        organization_id -> BigInt,
        lines -> Text,
    }
}

diesel::table! {
    meter_volumes (meter_id, period) {
        meter_id -> BigInt,
        organization_id -> BigInt,
        period -> Text,
        method -> Text,
        volumes -> Text,
        billed_values -> Text,
    }
}

diesel::table! {
    recalculations (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> BigInt,
        service_id -> BigInt,
        period -> Text,
        corrects_period -> Text,
        amount -> BigInt,
        reason -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    payments (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> BigInt,
        amount -> BigInt,
        paid_on -> Date,
        source -> Text,
        external_id -> Nullable<Text>,
        for_period -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    balances (account_id, period) {
        account_id -> BigInt,
        organization_id -> BigInt,
        period -> Text,
        opening -> BigInt,
        charged -> BigInt,
        recalculated -> BigInt,
        penalties -> BigInt,
        paid -> BigInt,
        closing -> BigInt,
    }
}

diesel::table! {
    penalty_corrections (account_id, period, corrects_period) {
        account_id -> BigInt,
        period -> Text,
        corrects_period -> Text,
        organization_id -> BigInt,
        amount -> BigInt,
        reason -> Text,
    }
}

diesel::table! {
    account_links (user_id, account_id) {
        user_id -> BigInt,
        account_id -> BigInt,
        organization_id -> BigInt,
        created_at -> Timestamp,
        receipts_by_email -> Bool,
        unsubscribe_token -> Nullable<Text>,
    }
}

diesel::table! {
    appeal_topics (organization_id, name) {
        organization_id -> BigInt,
        position -> Integer,
        name -> Text,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> BigInt,
        house_id -> BigInt,
        user_id -> Nullable<BigInt>,
        topic -> Text,
        excerpt -> Text,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        read_at -> Timestamp,
    }
}

diesel::table! {
    appeal_messages (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        from_staff -> Bool,
        user_id -> Nullable<BigInt>,
        text -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    appeal_photos (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        message_id -> BigInt,
        content_type -> Text,
        size -> BigInt,
        data -> Binary,
    }
}

diesel::table! {
    paid_services (id) {
        id -> BigInt,
        organization_id -> BigInt,
        name -> Text,
        description -> Text,
        price -> Nullable<BigInt>,
        unit -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_requests (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> BigInt,
        house_id -> BigInt,
        user_id -> Nullable<BigInt>,
        paid_service_id -> BigInt,
        service_name -> Text,
        unit -> Text,
        preferred_date -> Date,
        time_slot -> Text,
        comment -> Text,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        status -> Text,
        scheduled_at -> Nullable<Timestamp>,
        price -> Nullable<BigInt>,
        reject_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        done_at -> Nullable<Timestamp>,
        rejected_at -> Nullable<Timestamp>,
        paid_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    service_request_payments (online_payment_id) {
        online_payment_id -> BigInt,
        service_request_id -> BigInt,
    }
}

diesel::joinable!(user_tokens -> users (user_id));
diesel::joinable!(account_links -> accounts (account_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(users -> organizations (organization_id));
diesel::joinable!(houses -> organizations (organization_id));
diesel::joinable!(premises -> houses (house_id));
diesel::joinable!(accounts -> premises (premise_id));
diesel::joinable!(accounts -> organizations (organization_id));
diesel::joinable!(account_services -> accounts (account_id));
diesel::joinable!(account_services -> services (service_id));
diesel::joinable!(tariffs -> services (service_id));
diesel::joinable!(meters -> services (service_id));
diesel::joinable!(readings -> meters (meter_id));
diesel::joinable!(charges -> accounts (account_id));
diesel::joinable!(recalculations -> accounts (account_id));
diesel::joinable!(payments -> accounts (account_id));
diesel::joinable!(balances -> accounts (account_id));
diesel::joinable!(receipt_letters -> users (user_id));
diesel::joinable!(appeals -> accounts (account_id));
diesel::joinable!(appeal_messages -> appeals (appeal_id));
diesel::joinable!(appeal_messages -> users (user_id));
diesel::joinable!(service_requests -> accounts (account_id));
diesel::joinable!(service_requests -> paid_services (paid_service_id));
diesel::joinable!(service_request_payments -> online_payments (online_payment_id));
diesel::allow_tables_to_appear_in_same_query!(
    account_links,
    users,
    user_tokens,
    refresh_tokens,
    organizations,
    houses,
    premises,
    accounts,
    services,
    account_services,
    tariffs,
    meters,
    readings,
    periods,
    charges,
    meter_volumes,
    recalculations,
    payments,
    balances,
    penalty_corrections,
    receipt_letters,
    appeals,
    appeal_messages,
    appeal_photos,
    paid_services,
    service_requests,
    service_request_payments,
    online_payments,
);

diesel::table! {
    jobs (id) {
        id -> BigInt,
        organization_id -> BigInt,
        kind -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        claimed_by -> Nullable<Text>,
        heartbeat_at -> Nullable<Timestamp>,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        run_after -> Nullable<Timestamp>,
    }
}

diesel::table! {
    receipt_letters (id) {
        id -> BigInt,
        organization_id -> BigInt,
        user_id -> BigInt,
        account_id -> BigInt,
        period -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    online_payments (id) {
        id -> BigInt,
        organization_id -> BigInt,
        account_id -> BigInt,
        user_id -> Nullable<BigInt>,
        amount -> BigInt,
        for_period -> Nullable<Text>,
        provider -> Text,
        provider_id -> Nullable<Text>,
        confirmation_url -> Nullable<Text>,
        status -> Text,
        idempotency_key -> Nullable<Text>,
        payment_id -> Nullable<BigInt>,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sandbox_payments (id) {
        id -> Text,
        amount -> BigInt,
        currency -> Text,
        description -> Text,
        return_url -> Text,
        status -> Text,
        created_at -> Timestamp,
    }
}
