{%- set id_columns = [
    ('anonymous_id', 'anon'),
    ('user_id', 'user'),
    ('email_hash', 'email'),
    ('click_id', 'click'),
] -%}

with

web_events as (
    select * from {{ ref('stg_web__events') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

refusing_events as (
    select
        web_events.anonymous_id,
        web_events.user_id,
        web_events.email_hash,
        web_events.click_id
    from web_events
    where web_events.consent_marketing = false
),

refused_identifiers as (
    {%- for column, prefix in id_columns %}
    select {{ mta.identity_identifier(prefix, 'refusing_events.' ~ column) }} as identifier
    from refusing_events
    where {{ mta.identity_identifier(prefix, 'refusing_events.' ~ column) }} is not null
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),

refused_persons as (
    select distinct identifiers.person_id
    from refused_identifiers
    inner join identifiers
        on refused_identifiers.identifier = identifiers.identifier
    where identifiers.person_id is not null
),

conversion_identifiers as (
    {%- for column, prefix in id_columns %}
    select
        conversions.conversion_id,
        {{ mta.identity_identifier(prefix, 'conversions.' ~ column) }} as identifier
    from conversions
    where {{ mta.identity_identifier(prefix, 'conversions.' ~ column) }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

identifier_refusals as (
    select distinct conversion_identifiers.conversion_id
    from conversion_identifiers
    inner join refused_identifiers
        on conversion_identifiers.identifier = refused_identifiers.identifier
),

final as (
    select
        conversions.conversion_id,
        conversions.person_id,
        (refused_persons.person_id is not null or identifier_refusals.conversion_id is not null)
            as has_consent_refusal,
        case
            when refused_persons.person_id is not null then 'person'
            when identifier_refusals.conversion_id is not null then 'identifier'
        end as consent_refusal_source
    from conversions
    left join refused_persons
        on conversions.person_id = refused_persons.person_id
    left join identifier_refusals
        on conversions.conversion_id = identifier_refusals.conversion_id
)

select * from final
