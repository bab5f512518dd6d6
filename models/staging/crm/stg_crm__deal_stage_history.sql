with

base_stage_history as (
    select * from {{ ref('base_crm__deal_stage_history') }}
),

final as (
    select
        deal_stage_id,
        deal_id,
        stage,
        entered_at
    from base_stage_history
    where quarantine_reason is null
)

select * from final
