/** An arrears signal for the debt chain, as the housing corporation sends it in. */
export const debtIntake = (reference: string) => ({
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand; wil hulp.',
  clientReference: reference,
  data: {
    'client-name': 'K. Smit',
    'contact-address': 'Molenweg 3',
    'amount-owed': 2400,
    'days-in-arrears': 75,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
});
