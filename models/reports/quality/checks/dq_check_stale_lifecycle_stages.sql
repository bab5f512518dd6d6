{#-
    Contacts with a closed-won deal whose lifecycle stage is not customer
    (snapshot). One row per check and date. See _quality_checks__models.yml.
-#}

with

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

won_contacts as (
    select distinct deals.contact_id
    from deals
    where deals.stage = 'closed_won'
),

check_stale_lifecycle_stages as (
    select
        'stale_lifecycle_stages' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        cast(count(*) as {{ dbt.type_string() }})
        || ' contacts with a closed-won deal whose lifecycle stage is not customer' as details
    from won_contacts
    inner join contacts
        on won_contacts.contact_id = contacts.contact_id
    where coalesce(contacts.lifecycle_stage, '') <> 'customer'
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_stale_lifecycle_stages
)

select * from final
