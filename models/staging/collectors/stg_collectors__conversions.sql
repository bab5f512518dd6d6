{#-
    A view: the staged rows of the incremental base model, which does all the
    per-row work once per row (README, "Daily runs"), so the view costs a
    filtered scan and can never drift from its base model.
-#}
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
