{%- set identifier_columns = [
    'contact_identifier',
    'user_identifier',
    'email_identifier',
    'phone_identifier',
    'anonymous_identifier',
    'click_identifier',
    'linked_identifier',
    'event_anchor_identifier',
    'order_anchor_identifier',
] -%}

with observations as (

    select * from {{ ref('int_identity_observations') }}

),

identifier_sightings as (
    {%- for column in identifier_columns %}

    select
        observations.{{ column }} as identifier,
        observations.source_table,
        observations.first_seen_at,
        observations.last_seen_at
    from observations
    where observations.{{ column }} is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        identifier_sightings.identifier,
        {{ mta.identity_type_of('identifier_sightings.identifier') }} as identifier_type,
        {{ mta.identity_value_of('identifier_sightings.identifier') }} as identifier_value,
        min(identifier_sightings.first_seen_at) as first_seen_at,
        max(identifier_sightings.last_seen_at) as last_seen_at,
        count(distinct identifier_sightings.source_table) as n_source_tables
    from identifier_sightings
    group by identifier_sightings.identifier

)

select * from final
