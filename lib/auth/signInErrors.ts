/** Error codes NextAuth passes back from our providers; the forms show their own messages. */
export const RATE_LIMITED_ERROR = 'RateLimited'
export const INVITE_INVALID_ERROR = 'InviteInvalid'
/** The invite link has made as many guests as it may (GUESTS_PER_INVITE). */
export const INVITE_FULL_ERROR = 'InviteFull'
/** This address has made as many new guests through the link as it may this hour (GUESTS_PER_ADDRESS_PER_HOUR). */
export const GUESTS_BUSY_ERROR = 'GuestsBusy'
