{%- set disabled_collectors = mta.setting('mta_disabled_collectors') -%}

with stage_history as (

    select * from {{ ref('stg_crm__deal_stage_history') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

conversion_types as (

    select * from {{ mta.seed_ref('conversion_types') }}

),

history_stages as (

    select
        deal_id,
        lower(trim(stage)) as deal_stage,
        entered_at,
        'stage_history' as stage_time_source
    from stage_history

),

current_stages_without_history as (

    select
        deals.deal_id,
        deals.stage as deal_stage,
        case
            when deals.stage like 'closed%' then coalesce(deals.closed_at, deals.created_at)
            else deals.created_at
        end as entered_at,
        'deal' as stage_time_source
    from deals
    left join history_stages
        on
            deals.deal_id = history_stages.deal_id
            and deals.stage = history_stages.deal_stage
    where history_stages.deal_id is null

),

stages as (

    select
        all_stages.deal_id,
        all_stages.deal_stage,
        all_stages.entered_at,
        all_stages.stage_time_source,
        deals.contact_id,
        deals.amount
    from (
        select * from history_stages
        union all
        select * from current_stages_without_history
    ) as all_stages
    left join deals
        on all_stages.deal_id = deals.deal_id

),

final as (

    select
        'cv_' || substr({{ mta.sha256_hex("'deal:' || stages.deal_id || ':' || stages.deal_stage") }}, 1, 16)
            as conversion_id,
        'deal:' || stages.deal_id || ':' || stages.deal_stage as conversion_key,
        stages.deal_id,
        stages.deal_stage,
        stages.stage_time_source,
        conversion_types.conversion_type,
        'crm' as collector,
        stages.entered_at as converted_at,
        case
            when stages.deal_stage = 'closed_won' then coalesce(stages.amount, conversion_types.default_value, 0)
            else 0
        end as revenue,
        case
            when stages.deal_stage = 'closed_won' and stages.amount is null then 'default_value'
            when stages.deal_stage = 'closed_won' then 'deal_amount'
            else 'stage_zero'
        end as revenue_source,
        conversion_types.is_attributable as is_type_attributable,
        {{ 'true' if 'crm' in disabled_collectors else 'false' }} as is_collector_disabled,
        (
            conversion_types.is_attributable
            {%- if 'crm' in disabled_collectors %}
            and false
            {%- endif %}
        ) as is_attributable,
        stages.contact_id
    from stages
    inner join conversion_types
        on 'deal_' || stages.deal_stage = conversion_types.conversion_type

)

select * from final
