{#- A view of the staged rows of base_collectors__conversions, which does the per-row work (README, "Daily runs"). -#}
{{ config(materialized='view') }}

with

base_conversions as (
    select * from {{ ref('base_collectors__conversions') }}
),

final as (
    select
        conversion_row_id,
        conversion_event_id,
        order_id,
        conversion_type,
        occurred_at,
        collector,
        anonymous_id,
        user_id,
        email_hash,
        phone_hash,
        click_id,
        revenue,
        revenue_original,
        currency,
        skip_attribution,
        store_id,
        partition_date
    from base_conversions
    where quarantine_reason is null
)

select * from final
