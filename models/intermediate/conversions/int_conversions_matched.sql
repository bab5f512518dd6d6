with conversions as (

    select * from {{ ref('int_conversions_deduplicated') }}

),

keyed_rows as (

    select * from {{ ref('int_conversion_rows_keyed') }}

),

deal_stages as (

    select * from {{ ref('int_conversions_deal_stages') }}

),

identifiers as (

    select * from {{ ref('int_identifiers_resolved') }}

),

conversion_copies as (

    select keyed_rows.*
    from keyed_rows
    where not keyed_rows.is_refund

),

candidate_identifiers as (
    {%- for column, prefix, method, strength in [
        ('click_id', 'click', 'click_id', 1),
        ('user_id', 'user', 'user_id', 2),
        ('email_hash', 'email', 'email', 3),
        ('phone_hash', 'phone', 'phone', 4),
        ('anonymous_id', 'anon', 'anonymous_id', 6),
    ] %}

    select
        conversion_copies.conversion_id,
        {{ mta.identity_identifier(prefix, 'conversion_copies.' ~ column) }} as identifier,
        '{{ method }}' as match_method,
        {{ strength }} as match_strength,
        conversion_copies.copy_rank
    from conversion_copies
    where conversion_copies.{{ column }} is not null

    union all
    {%- endfor %}

    select
        deal_stages.conversion_id,
        {{ mta.identity_identifier('contact', 'deal_stages.contact_id') }} as identifier,
        'contact_id' as match_method,
        5 as match_strength,
        1 as copy_rank
    from deal_stages
    where deal_stages.contact_id is not null

),

ranked_matches as (

    select
        candidate_identifiers.conversion_id,
        candidate_identifiers.identifier,
        candidate_identifiers.match_method,
        identifiers.person_id,
        row_number() over (
            partition by candidate_identifiers.conversion_id
            order by
                candidate_identifiers.match_strength,
                candidate_identifiers.copy_rank,
                candidate_identifiers.identifier
        ) as match_rank
    from candidate_identifiers
    inner join identifiers
        on candidate_identifiers.identifier = identifiers.identifier

),

best_matches as (

    select ranked_matches.*
    from ranked_matches
    where ranked_matches.match_rank = 1

),

all_conversions as (

    select
        conversions.conversion_id,
        conversions.conversion_key,
        conversions.conversion_event_id,
        conversions.order_id,
        cast(null as {{ dbt.type_string() }}) as deal_id,
        conversions.converted_at,
        conversions.conversion_type,
        conversions.collector,
        conversions.revenue,
        conversions.gross_revenue,
        conversions.refunded_revenue,
        conversions.revenue_source,
        conversions.skip_attribution,
        conversions.is_type_attributable,
        conversions.is_collector_disabled,
        conversions.is_attributable,
        false as is_deal_stage,
        conversions.email_hash,
        conversions.phone_hash,
        conversions.click_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        conversions.anonymous_id,
        conversions.user_id
    from conversions

    union all

    select
        deal_stages.conversion_id,
        deal_stages.conversion_key,
        cast(null as {{ dbt.type_string() }}) as conversion_event_id,
        cast(null as {{ dbt.type_string() }}) as order_id,
        deal_stages.deal_id,
        deal_stages.converted_at,
        deal_stages.conversion_type,
        deal_stages.collector,
        deal_stages.revenue,
        deal_stages.revenue as gross_revenue,
        0 as refunded_revenue,
        deal_stages.revenue_source,
        false as skip_attribution,
        deal_stages.is_type_attributable,
        deal_stages.is_collector_disabled,
        deal_stages.is_attributable,
        true as is_deal_stage,
        cast(null as {{ dbt.type_string() }}) as email_hash,
        cast(null as {{ dbt.type_string() }}) as phone_hash,
        cast(null as {{ dbt.type_string() }}) as click_id,
        deal_stages.contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id
    from deal_stages

),

final as (

    select
        all_conversions.conversion_id,
        all_conversions.order_id,
        best_matches.person_id,
        all_conversions.converted_at,
        all_conversions.conversion_type,
        all_conversions.collector,
        all_conversions.revenue,
        all_conversions.is_attributable,
        coalesce(best_matches.match_method, 'unmatched') as match_method,
        all_conversions.is_deal_stage,
        all_conversions.email_hash,
        all_conversions.phone_hash,
        all_conversions.click_id,
        all_conversions.contact_id,
        all_conversions.anonymous_id,
        all_conversions.user_id,
        best_matches.identifier as matched_identifier,
        all_conversions.conversion_key,
        all_conversions.conversion_event_id,
        all_conversions.deal_id,
        all_conversions.gross_revenue,
        all_conversions.refunded_revenue,
        all_conversions.revenue_source,
        all_conversions.skip_attribution,
        all_conversions.is_type_attributable,
        all_conversions.is_collector_disabled
    from all_conversions
    left join best_matches
        on all_conversions.conversion_id = best_matches.conversion_id

)

select * from final
