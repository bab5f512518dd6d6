with

source_rows as (
    select * from {{ mta.raw_rows('crm_deal_stage_history') }} as raw_crm_deal_stage_history
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('crm_deal_stage_history', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('deal_id') }} || '|' || {{ mta.as_text('stage') }} as row_key,
        {{ mta.clean_identifier('deal_id') }} as deal_id,
        {{ mta.clean_lower('stage') }} as stage,  -- noqa: RF04
        {{ mta.parse_iso_timestamp(mta.as_text('entered_at')) }} as entered_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('entered_at')) }} as lacks_utc_offset,
        raw_row_json
    from source_with_json
),

checked as (
    select
        *,
        {{ mta.quarantine_reason_case({
            'missing_key': 'deal_id is null or stage is null',
            'missing_utc_offset': 'lacks_utc_offset',
            'unparseable_timestamp': 'entered_at is null',
            'implausible_timestamp': mta.is_implausible_timestamp('entered_at'),
            'invalid_value': "stage not in ('qualified', 'demo', 'proposal', 'closed_won', 'closed_lost')",
        }) }} as invalid_reason
    from typed
),

duplicates_ranked as (
    select
        *,
        row_number() over (
            partition by deal_id, stage, invalid_reason is null
            order by entered_at, raw_row_json
        ) as duplicate_rank
    from checked
),

final as (
    select
        row_key,
        {{ mta.base_row_id() }} as base_row_id,
        coalesce(
            invalid_reason,
            case when duplicate_rank > 1 then 'duplicate_event' end
        ) as quarantine_reason,
        deal_id || '|' || stage as deal_stage_id,
        deal_id,
        stage,
        entered_at,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json
    from duplicates_ranked
)

select * from final
