with

base_deals as (
    select * from {{ ref('base_crm__deals') }}
),

final as (
    select
        deal_id,
        contact_id,
        created_at,
        stage,
        amount,
        amount_original,
        currency,
        closed_at
    from base_deals
    where quarantine_reason is null
)

select * from final
