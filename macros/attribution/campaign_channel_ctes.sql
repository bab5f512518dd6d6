{#-
    Three CTEs ending in `campaign_channels` (campaign, channel): for every
    campaign key, the paid channel most of its touches in `touchpoints_cte`
    have (ties by channel name). Ad spend rows take their channel from it,
    so a Google display or YouTube campaign is display or video rather than
    the platform's default paid channel; spend of campaigns without touches
    keeps staging's channel. Emit inside a `with` list.
-#}
{% macro campaign_channel_ctes(touchpoints_cte) -%}
paid_campaign_channel_touches as (
    select
        {{ mta.campaign_key('campaign') }} as campaign,
        channel,
        count(*) as touches
    from {{ touchpoints_cte }}
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
)
{%- endmacro %}
