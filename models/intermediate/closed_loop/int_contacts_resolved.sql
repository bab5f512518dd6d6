{#-
    One row per surviving CRM contact that is not deleted, with its person
    (int_identifiers_resolved; identity follows merged_into_contact_id, so a
    surviving contact and the contacts merged into it are one person) and
    the number of contacts merged into it, directly or through a chain.
    Following merged_into_contact_id from a contact ends at its survivor: the
    first contact that is merged into nothing (or into a contact that is not
    in the CRM export). When the merges loop (A into B into A), the loop's
    smallest contact_id survives, so no contact is lost from dim_contacts or
    the write-back. A contact merged into itself is not merged (staging).
-#}
{#- Walks are unrolled to this many merges (no recursive CTE: Spark 4.0 has
    none): a merge loop is seen in full when its tail and loop together are
    no longer; a longer chain leaves the contact its own survivor. -#}
{%- set max_merge_steps = 32 -%}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

contact_persons as (
    select
        contacts.contact_id,
        identifiers.person_id
    from contacts
    left join identifiers
        on {{ mta.identity_identifier('contact', 'contacts.contact_id') }} = identifiers.identifier
),

-- a merge whose target is in the export
merge_edges as (
    select
        merged.contact_id,
        merged.merged_into_contact_id as target_contact_id
    from contacts as merged
    inner join contacts as targets
        on merged.merged_into_contact_id = targets.contact_id
),

-- the contact a merged contact reaches after each number of merges, up to the bound
merge_walk_1 as (
    select
        contact_id,
        target_contact_id as reached_contact_id
    from merge_edges
),
{% for step in range(2, max_merge_steps + 1) %}
merge_walk_{{ step }} as (
    select
        merge_walk_{{ step - 1 }}.contact_id,
        merge_edges.target_contact_id as reached_contact_id
    from merge_walk_{{ step - 1 }}
    inner join merge_edges
        on merge_walk_{{ step - 1 }}.reached_contact_id = merge_edges.contact_id
),
{% endfor %}
merge_reach as (
    {%- for step in range(1, max_merge_steps + 1) %}
    select
        contact_id,
        reached_contact_id
    from merge_walk_{{ step }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

reached as (
    select distinct
        contact_id,
        reached_contact_id
    from merge_reach
),

-- the end of a chain: a reached contact merged into nothing in the export
chain_ends as (
    select
        reached.contact_id,
        min(reached.reached_contact_id) as surviving_contact_id
    from reached
    left join merge_edges
        on reached.reached_contact_id = merge_edges.contact_id
    where merge_edges.contact_id is null
    group by reached.contact_id
),

-- a chain without an end runs into a loop: the loop's contacts are those
-- that reach themselves, and the smallest of them survives
loop_survivors as (
    select
        reached.contact_id,
        min(reached.reached_contact_id) as surviving_contact_id
    from reached
    inner join reached as loops
        on
            reached.reached_contact_id = loops.contact_id
            and loops.reached_contact_id = loops.contact_id
    group by reached.contact_id
),

contact_survivors as (
    select
        contacts.contact_id,
        coalesce(
            chain_ends.surviving_contact_id,
            loop_survivors.surviving_contact_id,
            contacts.contact_id
        ) as surviving_contact_id
    from contacts
    left join chain_ends
        on contacts.contact_id = chain_ends.contact_id
    left join loop_survivors
        on contacts.contact_id = loop_survivors.contact_id
),

surviving_contacts as (
    select contacts.*
    from contacts
    inner join contact_survivors
        on
            contacts.contact_id = contact_survivors.contact_id
            and contacts.contact_id = contact_survivors.surviving_contact_id
    where not coalesce(contacts.is_deleted, false)
),

merged_contacts as (
    select
        contact_id,
        surviving_contact_id
    from contact_survivors
    where contact_id <> surviving_contact_id
),

merged_counts as (
    select
        surviving_contact_id,
        count(*) as n_merged_contacts
    from merged_contacts
    group by surviving_contact_id
),

final as (
    select
        surviving_contacts.contact_id,
        contact_persons.person_id,
        surviving_contacts.email_hash,
        surviving_contacts.phone_hash,
        surviving_contacts.created_at,
        surviving_contacts.updated_at,
        surviving_contacts.lifecycle_stage,
        surviving_contacts.lead_source,
        surviving_contacts.lead_source_category,
        surviving_contacts.is_ai_lead_source,
        surviving_contacts.gclid,
        coalesce(merged_counts.n_merged_contacts, 0) as n_merged_contacts
    from surviving_contacts
    left join contact_persons
        on surviving_contacts.contact_id = contact_persons.contact_id
    left join merged_counts
        on surviving_contacts.contact_id = merged_counts.surviving_contact_id
)

select * from final
