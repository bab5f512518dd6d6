with contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

contact_rows as (

    select
        'crm_contacts' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'contacts.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        {{ mta.identity_identifier('email', 'contacts.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'contacts.phone_hash') }} as phone_identifier,
        {{ mta.identity_identifier('anon', 'contacts.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'contacts.gclid') }} as click_identifier,
        {{ mta.identity_identifier('contact', 'contacts.merged_into_contact_id') }} as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        contacts.created_at as first_seen_at,
        contacts.created_at as last_seen_at,
        1 as n_rows
    from contacts

    union all

    -- the contact was also seen when it was last updated
    select
        'crm_contacts' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'contacts.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        contacts.updated_at as first_seen_at,
        contacts.updated_at as last_seen_at,
        1 as n_rows
    from contacts
    where contacts.updated_at is not null

),

final as (

    select
        source_table,
        is_linkable,
        contact_identifier,
        user_identifier,
        email_identifier,
        phone_identifier,
        anonymous_identifier,
        click_identifier,
        linked_identifier,
        event_anchor_identifier,
        order_anchor_identifier,
        first_seen_at,
        last_seen_at,
        n_rows
    from contact_rows

)

select * from final
