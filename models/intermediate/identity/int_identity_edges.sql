{%- set linked_columns = [
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

anchored_observations as (

    select
        observations.*,
        coalesce(
            observations.contact_identifier,
            observations.user_identifier,
            observations.email_identifier,
            observations.phone_identifier,
            observations.anonymous_identifier,
            observations.click_identifier
        ) as anchor_identifier
    from observations
    where observations.is_linkable

),

star_edges as (
    {%- for column in linked_columns %}

    select
        anchored_observations.anchor_identifier,
        anchored_observations.{{ column }} as neighbour_identifier,
        anchored_observations.source_table,
        anchored_observations.first_seen_at,
        anchored_observations.n_rows
    from anchored_observations
    where
        anchored_observations.{{ column }} is not null
        and anchored_observations.anchor_identifier is not null
        and anchored_observations.{{ column }} <> anchored_observations.anchor_identifier
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        least(star_edges.anchor_identifier, star_edges.neighbour_identifier) as identifier_a,
        greatest(star_edges.anchor_identifier, star_edges.neighbour_identifier) as identifier_b,
        star_edges.source_table,
        min(star_edges.first_seen_at) as first_seen_at,
        sum(star_edges.n_rows) as n_rows
    from star_edges
    group by
        least(star_edges.anchor_identifier, star_edges.neighbour_identifier),
        greatest(star_edges.anchor_identifier, star_edges.neighbour_identifier),
        star_edges.source_table

)

select * from final
