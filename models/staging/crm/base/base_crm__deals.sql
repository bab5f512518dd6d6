with

source_rows as (
    select * from {{ mta.raw_rows('crm_deals') }} as raw_crm_deals
),

{{ mta.currency_import_ctes() }},

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('crm_deals', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('deal_id') }} as row_key,
        {{ mta.clean_identifier('deal_id') }} as deal_id,
        {{ mta.clean_identifier('contact_id') }} as contact_id,
        {{ mta.parse_iso_timestamp(mta.as_text('created_at')) }} as created_at,
        {{ mta.clean_lower('stage') }} as stage,  -- noqa: RF04
        amount as amount_raw,
        {{ mta.safe_cast_float('amount') }} as amount_original,
        {{ mta.effective_currency('amount', 'currency') }} as currency,
        nullif(trim({{ mta.as_text('closed_at') }}), '') as closed_at_raw,
        {{ mta.parse_iso_timestamp(mta.as_text('closed_at')) }} as closed_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('created_at')) }}
        or {{ mta.timestamp_lacks_utc_offset(mta.as_text('closed_at')) }} as lacks_utc_offset,
        _loaded_at,
        raw_row_json
    from source_with_json
),

checked as (
    select
        typed.*,
        typed.amount_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd as amount,
        {{ mta.quarantine_reason_case({
            'missing_key': 'typed.deal_id is null',
            'missing_utc_offset': 'typed.lacks_utc_offset',
            'unparseable_timestamp': 'typed.created_at is null or (typed.closed_at_raw is not null and typed.closed_at is null)',
            'implausible_timestamp': mta.is_implausible_timestamp('typed.created_at') ~ ' or ' ~ mta.is_implausible_timestamp('typed.closed_at'),
            'invalid_value': "typed.stage is null or typed.stage not in ('qualified', 'demo', 'proposal', 'closed_won', 'closed_lost')",
            'invalid_amount': mta.is_invalid_amount('typed.amount_raw', 'typed.amount_original', 'row_rates.rate_to_usd'),
            'unknown_currency': 'typed.amount_original is not null and row_rates.currency is null',
        }) }} as invalid_reason
    from typed
    left join currency_rates as row_rates
        on typed.currency = row_rates.currency
    left join reporting_currency_rate
        on 1 = 1
),

{# Several rows of one deal are snapshots of it (appended exports). The
    latest load wins (var mta_load_timestamp_column); then, since the
    contract has no updated_at, the furthest stage (closed > proposal > demo >
    qualified), then the latest closed_at. Older snapshots are
    duplicate_event; a copy of the same load, stage and closed_at with other
    figures is conflicting_duplicate (copy_quarantine_reason). #}
duplicates_ranked as (
    select
        *,
        row_number() over (
            partition by deal_id, invalid_reason is null
            order by
                _loaded_at desc nulls last,
                case stage
                    when 'closed_won' then 4
                    when 'closed_lost' then 4
                    when 'proposal' then 3
                    when 'demo' then 2
                    when 'qualified' then 1
                    else 0
                end desc,
                closed_at desc nulls last,
                created_at asc,
                raw_row_json asc
        ) as duplicate_rank
    from checked
),

final as (
    select
        row_key,
        {{ mta.base_row_id() }} as base_row_id,
        coalesce(
            invalid_reason,
            {{ mta.copy_quarantine_reason(
                'deal_id, invalid_reason is null',
                mta.columns_key(['_loaded_at', 'stage', 'closed_at']),
                mta.columns_key(['contact_id', 'created_at', 'amount_original', 'currency']),
            ) }}
        ) as quarantine_reason,
        deal_id,
        contact_id,
        created_at,
        stage,
        cast(amount as {{ mta.double_type() }}) as amount,
        cast(amount_original as {{ mta.double_type() }}) as amount_original,
        currency,
        closed_at,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json
    from duplicates_ranked
)

select * from final
