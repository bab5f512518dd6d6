{#-
    Public. One row per resolved person: how many identifiers of each type
    it has, when it was first and last seen on any row, and its first and
    last touchpoint (from fct_touchpoints; null for a person without touches).
-#}

with identifiers as (

    select * from {{ ref('int_identifiers_resolved') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

person_identifiers as (

    select
        identifiers.person_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as n_identifiers,
        count(case when identifiers.identifier_type = 'anon' then 1 end) as n_anonymous_ids,
        count(case when identifiers.identifier_type = 'user' then 1 end) as n_user_ids,
        count(case when identifiers.identifier_type = 'email' then 1 end) as n_emails,
        count(case when identifiers.identifier_type = 'phone' then 1 end) as n_phones,
        count(case when identifiers.identifier_type = 'contact' then 1 end) as n_contacts,
        count(case when identifiers.identifier_type = 'click' then 1 end) as n_click_ids,
        min(identifiers.first_seen_at) as first_seen_at,
        max(identifiers.last_seen_at) as last_seen_at,
        max(case when identifiers.is_oversized_component then 1 else 0 end) = 1 as is_from_oversized_component
    from identifiers
    group by identifiers.person_id

),

ranked_touchpoints as (

    select
        touchpoints.person_id,
        touchpoints.touched_at,
        touchpoints.channel,
        row_number() over (
            partition by touchpoints.person_id
            order by touchpoints.touched_at asc, touchpoints.touchpoint_id asc
        ) as rank_from_first,
        row_number() over (
            partition by touchpoints.person_id
            order by touchpoints.touched_at desc, touchpoints.touchpoint_id desc
        ) as rank_from_last
    from touchpoints
    where touchpoints.person_id is not null

),

person_touches as (

    select
        ranked_touchpoints.person_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as n_touchpoints,
        max(case when ranked_touchpoints.rank_from_first = 1 then ranked_touchpoints.touched_at end)
            as first_touched_at,
        max(case when ranked_touchpoints.rank_from_first = 1 then ranked_touchpoints.channel end)
            as first_touch_channel,
        max(case when ranked_touchpoints.rank_from_last = 1 then ranked_touchpoints.touched_at end)
            as last_touched_at,
        max(case when ranked_touchpoints.rank_from_last = 1 then ranked_touchpoints.channel end)
            as last_touch_channel
    from ranked_touchpoints
    group by ranked_touchpoints.person_id

),

final as (

    select
        person_identifiers.person_id,
        person_identifiers.n_identifiers,
        person_identifiers.n_anonymous_ids,
        person_identifiers.n_user_ids,
        person_identifiers.n_emails,
        person_identifiers.n_phones,
        person_identifiers.n_contacts,
        person_identifiers.n_click_ids,
        person_identifiers.n_anonymous_ids as n_devices,
        person_identifiers.first_seen_at,
        person_identifiers.last_seen_at,
        person_touches.first_touched_at,
        person_touches.first_touch_channel,
        person_touches.last_touched_at,
        person_touches.last_touch_channel,
        coalesce(person_touches.n_touchpoints, 0) as n_touchpoints,
        person_identifiers.is_from_oversized_component
    from person_identifiers
    left join person_touches
        on person_identifiers.person_id = person_touches.person_id

)

select * from final
