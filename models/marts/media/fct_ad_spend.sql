with

ad_spend as (
    select * from {{ ref('stg_ads__spend') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

paid_campaign_channel_touches as (
    select
        {{ mta.campaign_key('campaign') }} as campaign,
        channel,
        count(*) as touches
    from touchpoints
    where channel in ({{ "'" ~ mta.paid_channel_names() | join("', '") ~ "'" }})
    group by 1, 2
),

paid_campaign_channels_ranked as (
    select
        campaign,
        channel,
        row_number() over (partition by campaign order by touches desc, channel asc) as channel_rank
    from paid_campaign_channel_touches
    where campaign <> '(none)'
),

-- a campaign's spend goes to the paid channel most of its touches have
-- (a Google display campaign is display, not the platform's default
-- paid_search); campaigns without touches keep staging's channel
campaign_channels as (
    select
        campaign,
        channel
    from paid_campaign_channels_ranked
    where channel_rank = 1
),

ad_spend_keyed as (
    select
        ad_spend.*,
        {{ mta.campaign_key('ad_spend.campaign_name') }} as campaign
    from ad_spend
),

final as (
    select
        cast(ad_spend_keyed.spend_id as {{ dbt.type_string() }}) as spend_id,
        cast(ad_spend_keyed.spend_date as date) as spend_date,
        cast(ad_spend_keyed.platform as {{ dbt.type_string() }}) as platform,
        cast(ad_spend_keyed.source as {{ dbt.type_string() }}) as source,  -- noqa: RF04
        cast(ad_spend_keyed.campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(ad_spend_keyed.campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(ad_spend_keyed.campaign as {{ dbt.type_string() }}) as campaign,
        cast(
            coalesce(campaign_channels.channel, ad_spend_keyed.channel, 'other') as {{ dbt.type_string() }}
        ) as channel,
        cast(ad_spend_keyed.channel as {{ dbt.type_string() }}) as platform_channel,
        {{ mta.money("coalesce(ad_spend_keyed.spend, 0)") }} as spend,
        cast(coalesce(ad_spend_keyed.clicks, 0) as bigint) as clicks,
        cast(coalesce(ad_spend_keyed.impressions, 0) as bigint) as impressions,
        cast(coalesce(ad_spend_keyed.platform_conversions, 0) as {{ mta.double_type() }}) as platform_conversions,
        cast(
            coalesce(ad_spend_keyed.platform_conversion_value, 0) as {{ mta.money_type() }}
        ) as platform_conversion_value
    from ad_spend_keyed
    left join campaign_channels
        on ad_spend_keyed.campaign = campaign_channels.campaign
)

select * from final
