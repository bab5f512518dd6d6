{#-
    Emails on several surviving CRM contacts (snapshot). One row per check and
    date. See _quality_checks__models.yml.
-#}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

surviving_contacts as (
    select contacts.*
    from contacts
    where
        contacts.merged_into_contact_id is null
        and not coalesce(contacts.is_deleted, false)
),

duplicate_emails as (
    select
        surviving_contacts.email_hash,
        count(*) as n_contacts
    from surviving_contacts
    where surviving_contacts.email_hash is not null
    group by surviving_contacts.email_hash
    having count(*) > 1
),

check_duplicate_contacts as (
    select
        'duplicate_contacts' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        cast(count(*) as {{ dbt.type_string() }}) || ' emails on several surviving contacts ('
        || cast(coalesce(sum(n_contacts), 0) as {{ dbt.type_string() }}) || ' contacts)' as details
    from duplicate_emails
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_duplicate_contacts
)

select * from final
